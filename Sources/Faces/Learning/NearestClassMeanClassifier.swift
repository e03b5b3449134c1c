/// Nearest class mean: each person is summarised by the mean of their descriptors and a face
/// is named after the closest mean. Cheap, and often as good as kNN for a well-trained
/// embedding, because averaging cancels the noise of pose and lighting.
///
/// The score is the distance to that mean; above `threshold` the face is unknown.
public struct NearestClassMeanClassifier: DescriptorClassifier {
    /// Euclidean distance to a class mean beyond which the face is a stranger. Means lie
    /// closer to their faces than single descriptors do, so dlib's 0.6 is a safe default.
    public var threshold: Float
    /// The learnt means, by label.
    public private(set) var means: [String: FaceDescriptor] = [:]

    public init(threshold: Float = 0.6) {
        self.threshold = threshold
    }

    public mutating func fit(_ training: LabelledDescriptors) throws {
        means = training.byClass.compactMapValues { FaceDescriptor.mean($0) }
    }

    public var scoreOrder: ScoreOrder { .smallerIsSurer }

    public func validate(dimension: Int) throws {
        if let wrong = means.first(where: { $0.value.count != dimension }) {
            throw LearningError.inconsistentState("the mean of \(wrong.key) has \(wrong.value.count) values, expected \(dimension)")
        }
    }

    public func predict(_ descriptor: FaceDescriptor) -> Prediction {
        let best = means.map { (label: $0.key, distance: $0.value.distance(to: descriptor)) }
            .min { $0.distance < $1.distance || ($0.distance == $1.distance && $0.label < $1.label) }
        guard let best else { return .untrained }
        return Prediction(label: scoreOrder.accepts(best.distance, threshold: threshold) ? best.label : nil, candidate: best.label,
                          score: best.distance)
    }
}
