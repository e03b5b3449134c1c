/// A classifier that learns people's names from labelled face descriptors and names new ones,
/// or declines to: open-set recognition, where a face of someone never seen must come back
/// as unknown rather than as the closest stranger.
///
/// Classifiers are `Codable` so that a trained one can be kept in a ``RecognitionModel`` file.
public protocol DescriptorClassifier: Sendable, Codable {
    /// Learns from `training`, replacing whatever was learnt before.
    mutating func fit(_ training: LabelledDescriptors) throws

    /// The label for `descriptor`, or an unknown prediction when the classifier's score falls
    /// on the wrong side of its rejection threshold (or it has not been fitted).
    func predict(_ descriptor: FaceDescriptor) -> Prediction

    /// The score at which the best candidate is still accepted; ``OpenSetCalibration`` sets it
    /// for a target false-accept rate.
    var threshold: Float { get set }

    /// Whether this classifier's scores are distances or confidences.
    var scoreOrder: ScoreOrder { get }

    /// Throws when the learnt state cannot serve descriptors of `dimension` values, as after
    /// reading a damaged or hand-edited model file; an unfitted classifier passes.
    func validate(dimension: Int) throws
}

/// Which way a classifier's scores point.
public enum ScoreOrder: String, Sendable, Codable {
    /// Distances: a candidate is accepted when its score is at most the threshold.
    case smallerIsSurer
    /// Margins and probabilities: a candidate is accepted when its score is at least the threshold.
    case largerIsSurer

    public func accepts(_ score: Float, threshold: Float) -> Bool {
        switch self {
        case .smallerIsSurer: score <= threshold
        case .largerIsSurer: score >= threshold
        }
    }

    /// The threshold that accepts every candidate, for closed-set use.
    public var acceptingEverything: Float {
        switch self {
        case .smallerIsSurer: .infinity
        case .largerIsSurer: -.infinity
        }
    }
}

/// What a ``DescriptorClassifier`` says about one descriptor.
public struct Prediction: Sendable, Hashable, Codable {
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
