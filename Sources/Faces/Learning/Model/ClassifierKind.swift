/// The classifiers a ``RecognitionModel`` can hold, by the names the command line uses.
public enum ClassifierKind: String, Sendable, Codable, CaseIterable {
    case knn
    case svm
    case softmax
    case classMean = "class-mean"
    case meanDistance = "mean-distance"

    /// A classifier of this kind with its default settings, not yet fitted.
    public func untrained(seed: UInt64 = 0) -> any DescriptorClassifier {
        switch self {
        case .knn: NearestNeighbourClassifier()
        case .svm: LinearSVMClassifier(seed: seed)
        case .softmax: SoftmaxRegressionClassifier(seed: seed)
        case .classMean: NearestClassMeanClassifier()
        case .meanDistance: MeanDistanceClassifier()
        }
    }

    /// The concrete type, to decode a saved classifier of this kind.
    var classifierType: any DescriptorClassifier.Type {
        switch self {
        case .knn: NearestNeighbourClassifier.self
        case .svm: LinearSVMClassifier.self
        case .softmax: SoftmaxRegressionClassifier.self
        case .classMean: NearestClassMeanClassifier.self
        case .meanDistance: MeanDistanceClassifier.self
        }
    }
}
