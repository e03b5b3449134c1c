/// face-api.js's FaceMatcher: a face is compared with every descriptor of each person and
/// named after the person whose descriptors are closest on average.
///
/// Unlike ``NearestClassMeanClassifier`` this averages distances rather than descriptors, so
/// a person photographed in very different conditions is not blurred into one point. The
/// score is that mean distance; above `threshold` the face is unknown.
public struct MeanDistanceClassifier: DescriptorClassifier {
    /// Mean Euclidean distance beyond which the face is a stranger (face-api.js uses 0.6).
    public var threshold: Float
    private var byClass: [String: [FaceDescriptor]] = [:]

    public init(threshold: Float = 0.6) {
        self.threshold = threshold
    }

    public mutating func fit(_ training: LabelledDescriptors) throws {
        byClass = training.byClass
    }

    public var scoreOrder: ScoreOrder { .smallerIsSurer }

    public func validate(dimension: Int) throws {
        for (label, members) in byClass where members.isEmpty || members.contains(where: { $0.count != dimension }) {
            throw LearningError.inconsistentState("the descriptors of \(label) are empty or not \(dimension) long")
        }
    }

    public func predict(_ descriptor: FaceDescriptor) -> Prediction {
        let best = byClass.map { label, members -> (label: String, distance: Float) in
            let total = members.reduce(Float(0)) { $0 + $1.distance(to: descriptor) }
            return (label, total / Float(members.count))
        }
        .min { $0.distance < $1.distance || ($0.distance == $1.distance && $0.label < $1.label) }
        guard let best else { return .untrained }
        return Prediction(label: scoreOrder.accepts(best.distance, threshold: threshold) ? best.label : nil, candidate: best.label,
                          score: best.distance)
    }
}
