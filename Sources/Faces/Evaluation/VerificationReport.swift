/// Everything a face-verification benchmark reports for a set of labelled pairs.
///
/// A pair whose image gave no face (or could not be read) is never dropped: its distance is
/// taken as infinite, so it is always called "different" — wrong for a matched pair, right for a
/// mismatched one — and it sits at the far end of the ROC curve. It is also listed in
/// ``failedPairs`` so that the failure rate is reported next to the accuracy.
public struct VerificationReport: Sendable {
    public let pairs: [LabelledPair]
    /// The distance of each pair, `.infinity` where a face is missing.
    public let distances: [Float]
    public let accuracy: CrossValidatedAccuracy
    public let roc: ROCCurve

    /// `descriptors` maps an image path to the descriptor of its face; a path missing from it
    /// had no face.
    public init(pairs: [LabelledPair], descriptors: [String: FaceDescriptor]) throws(EvaluationError) {
        self.pairs = pairs
        distances = pairs.map { pair in
            guard let a = descriptors[pair.first], let b = descriptors[pair.second] else { return .infinity }
            return a.distance(to: b)
        }
        accuracy = try CrossValidatedAccuracy(distances: distances, same: pairs.map(\.same), folds: pairs.map(\.fold))
        roc = try ROCCurve(distances: distances, same: pairs.map(\.same))
    }

    /// Pairs in which at least one image gave no face.
    public var failedPairs: [LabelledPair] {
        zip(pairs, distances).filter { !$0.1.isFinite }.map(\.0)
    }
}
