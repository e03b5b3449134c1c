/// A classifier that learns people's names from labelled face descriptors and names new ones,
/// or declines to: open-set recognition, where a face of someone never seen must come back
/// as unknown rather than as the closest stranger.
public protocol DescriptorClassifier: Sendable {
    /// Learns from `training`, replacing whatever was learnt before.
    mutating func fit(_ training: LabelledDescriptors) throws

    /// The label for `descriptor`, or an unknown prediction when the classifier's score falls
    /// on the wrong side of its rejection threshold (or it has not been fitted).
    func predict(_ descriptor: FaceDescriptor) -> Prediction
}

/// What a ``DescriptorClassifier`` says about one descriptor.
public struct Prediction: Sendable, Hashable {
    /// The name given, or nil for unknown: the best candidate was not convincing enough.
    public var label: String?
    /// The best candidate, kept even when rejected so that thresholds can be calibrated later.
    public var candidate: String?
    /// How strongly the candidate was chosen. Each classifier says what it measures: a
    /// distance (smaller is surer) or a margin (larger is surer).
    public var score: Float

    public init(label: String?, candidate: String?, score: Float) {
        self.label = label
        self.candidate = candidate
        self.score = score
    }

    /// A prediction for a classifier that has learnt nothing yet.
    static let untrained = Prediction(label: nil, candidate: nil, score: .nan)
}

extension DescriptorClassifier {
    /// The fraction of `test` whose prediction equals its label; an unknown is always wrong.
    public func accuracy(on test: LabelledDescriptors) -> Double {
        let correct = zip(test.descriptors, test.labels).filter { predict($0.0).label == $0.1 }.count
        return Double(correct) / Double(test.count)
    }
}
