/// A training or test set: descriptors of equal length, each with the name of its person.
///
/// Checked once on construction so that classifiers can rely on it: never empty, one length.
public struct LabelledDescriptors: Sendable, Hashable {
    public let descriptors: [FaceDescriptor]
    public let labels: [String]
    /// The length every descriptor shares.
    public let dimension: Int
    /// The distinct labels, sorted, so that classes are numbered the same on every run.
    public let classes: [String]

    public init(_ examples: [(descriptor: FaceDescriptor, label: String)]) throws {
        guard let first = examples.first else { throw LearningError.emptyTrainingSet }
        for (index, example) in examples.enumerated() where example.descriptor.count != first.descriptor.count {
            throw LearningError.mismatchedDimension(index: index, expected: first.descriptor.count,
                                                    found: example.descriptor.count)
        }
        guard first.descriptor.count > 0 else { throw LearningError.emptyDescriptor }
        descriptors = examples.map(\.descriptor)
        labels = examples.map(\.label)
        dimension = first.descriptor.count
        classes = Set(labels).sorted()
    }

    public var count: Int { descriptors.count }

    /// The descriptors of each label.
    public var byClass: [String: [FaceDescriptor]] {
        Dictionary(grouping: zip(descriptors, labels), by: \.1).mapValues { $0.map(\.0) }
    }
}

/// Why a classifier could not learn from the examples it was given.
public enum LearningError: Error, CustomStringConvertible, Sendable {
    case emptyTrainingSet
    case emptyDescriptor
    case mismatchedDimension(index: Int, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .emptyTrainingSet:
            "no labelled descriptors to learn from: give at least one example per person"
        case .emptyDescriptor:
            "the descriptors have no values: describe the faces before training"
        case let .mismatchedDimension(index, expected, found):
            "example \(index) has \(found) values but the first has \(expected): "
                + "use descriptors from one embedding model"
        }
    }
}
