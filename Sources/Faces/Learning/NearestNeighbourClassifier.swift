/// k-nearest-neighbour voting, as in face_recognition's kNN example: the k closest training
/// descriptors vote for their labels, each with weight 1/distance so that near neighbours
/// outweigh far ones.
///
/// The score is the distance to the single nearest neighbour; above `threshold` the face is
/// unknown, because even the closest known face is probably someone else.
public struct NearestNeighbourClassifier: DescriptorClassifier {
    /// Neighbours that vote; nil means round(√N), face_recognition's rule of thumb.
    public var k: Int?
    /// Euclidean distance beyond which the nearest neighbour is a stranger (0.6 for dlib).
    public var threshold: Float
    private var training: LabelledDescriptors?

    public init(k: Int? = nil, threshold: Float = 0.6) {
        self.k = k
        self.threshold = threshold
    }

    public mutating func fit(_ training: LabelledDescriptors) throws {
        self.training = training
    }

    /// The number of neighbours that vote for a training set of `count` examples.
    public func neighbours(forTrainingCount count: Int) -> Int {
        let chosen = k ?? Int((Double(count).squareRoot()).rounded())
        return min(max(chosen, 1), count)
    }

    public var scoreOrder: ScoreOrder { .smallerIsSurer }

    public func validate(dimension: Int) throws {
        if let training, training.dimension != dimension {
            throw LearningError.inconsistentState("kNN examples of \(training.dimension) values, expected \(dimension)")
        }
        if let k, k < 1 { throw LearningError.inconsistentState("k = \(k)") }
    }

    public func predict(_ descriptor: FaceDescriptor) -> Prediction {
        guard let training else { return .untrained }
        let ranked = zip(training.descriptors.map { $0.distance(to: descriptor) }, training.labels)
            .sorted { $0.0 < $1.0 }
            .prefix(neighbours(forTrainingCount: training.count))
        guard let nearest = ranked.first?.0 else { return .untrained }
        // A neighbour at distance 0 would get infinite weight; a tiny floor keeps it the
        // dominant vote without producing NaN when two such neighbours disagree.
        var votes = [String: Float]()
        for (distance, label) in ranked { votes[label, default: 0] += 1 / max(distance, 1e-6) }
        let winner = votes.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        return Prediction(label: scoreOrder.accepts(nearest, threshold: threshold) ? winner : nil, candidate: winner, score: nearest)
    }
}
