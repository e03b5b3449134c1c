/// A training or test set: descriptors of equal length, each with the name of its person.
///
/// Checked once on construction (and on decoding) so that classifiers can rely on it: never
/// empty, one length.
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

    public init(descriptors: [FaceDescriptor], labels: [String]) throws {
        guard descriptors.count == labels.count else {
            throw LearningError.mismatchedCounts(descriptors: descriptors.count, labels: labels.count)
        }
        try self.init(zip(descriptors, labels).map { (descriptor: $0, label: $1) })
    }

    /// A gallery's descriptors, people in name order.
    public init(_ gallery: FaceGallery) throws {
        try self.init(gallery.names.flatMap { name in gallery.people[name, default: []].map { ($0, name) } })
    }

    public var count: Int { descriptors.count }

    /// The descriptors of each label.
    public var byClass: [String: [FaceDescriptor]] {
        Dictionary(grouping: zip(descriptors, labels), by: \.1).mapValues { $0.map(\.0) }
    }

    /// The examples at `indices`, in that order; nil when there are none.
    public func subset(_ indices: some Sequence<Int>) -> LabelledDescriptors? {
        try? LabelledDescriptors(indices.map { (descriptor: descriptors[$0], label: labels[$0]) })
    }

    /// The same labels with every descriptor replaced by `transform` of it.
    public func mapDescriptors(_ transform: (FaceDescriptor) throws -> FaceDescriptor) throws -> LabelledDescriptors {
        try LabelledDescriptors(descriptors: descriptors.map(transform), labels: labels)
    }
}

extension LabelledDescriptors: Codable {
    private enum CodingKeys: String, CodingKey { case labels, descriptors }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let values = try container.decode([[Float]].self, forKey: .descriptors)
        try self.init(descriptors: values.map(FaceDescriptor.init), labels: container.decode([String].self, forKey: .labels))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(labels, forKey: .labels)
        try container.encode(descriptors.map(\.values), forKey: .descriptors)
    }
}

/// Why a classifier could not learn from the examples it was given, or could not be restored.
public enum LearningError: Error, CustomStringConvertible, Sendable {
    case emptyTrainingSet
    case emptyDescriptor
    case mismatchedDimension(index: Int, expected: Int, found: Int)
    case mismatchedCounts(descriptors: Int, labels: Int)
    case tooFewPeople(needed: Int, found: Int)
    case invalidFalseAcceptRate(Double)
    case inconsistentState(String)

    public var description: String {
        switch self {
        case .emptyTrainingSet:
            "no labelled descriptors to learn from: give at least one example per person"
        case .emptyDescriptor:
            "the descriptors have no values: describe the faces before training"
        case let .mismatchedDimension(index, expected, found):
            "example \(index) has \(found) values but the first has \(expected): "
                + "use descriptors from one embedding model"
        case let .mismatchedCounts(descriptors, labels):
            "\(descriptors) descriptors but \(labels) labels: give one label per descriptor"
        case let .tooFewPeople(needed, found):
            "\(found) \(found == 1 ? "person" : "people"), but this needs at least \(needed): add photos of more people"
        case let .invalidFalseAcceptRate(rate):
            "target false-accept rate \(rate) is outside (0, 1): give a rate such as 0.01"
        case let .inconsistentState(reason):
            "the classifier's learnt state is inconsistent (\(reason)): the model file is damaged; train it again"
        }
    }
}
