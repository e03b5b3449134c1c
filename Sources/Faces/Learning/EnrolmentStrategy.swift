/// How a person's photos become the reference points a classifier learns from.
///
/// Members of a gym send 5–50 photos each. Keeping every descriptor (``all``) remembers each
/// pose and lighting; one mean per person (``average``) is compact and cancels noise but blurs
/// a person photographed in very different conditions; ``clusters`` sits between the two, one
/// mean per group of the person's photos that resemble each other (with and without glasses,
/// say).
public enum EnrolmentStrategy: Sendable, Hashable, Codable {
    /// Every descriptor as given.
    case all
    /// The mean descriptor of each person.
    case average
    /// Chinese whispers over each person's descriptors, joining two closer than `threshold`,
    /// and the mean of each cluster.
    case clusters(threshold: Float)

    /// The default threshold for ``clusters``: tighter than dlib's 0.6 same-person distance,
    /// so that one person's clearly different looks stay apart.
    public static let defaultClusterThreshold: Float = 0.4

    /// The reference points for `examples`, people in sorted order.
    public func prototypes(of examples: LabelledDescriptors) throws -> LabelledDescriptors {
        switch self {
        case .all:
            return examples
        case .average:
            let byClass = examples.byClass
            return try LabelledDescriptors(examples.classes.compactMap { label in
                FaceDescriptor.mean(byClass[label] ?? []).map { (descriptor: $0, label: label) }
            })
        case let .clusters(threshold):
            let byClass = examples.byClass
            var prototypes = [(descriptor: FaceDescriptor, label: String)]()
            for label in examples.classes {
                let members = byClass[label] ?? []
                let clusters = ChineseWhispers().clusters(of: members, threshold: threshold)
                for cluster in Set(clusters).sorted() {
                    let mean = FaceDescriptor.mean(zip(members, clusters).filter { $0.1 == cluster }.map(\.0))
                    if let mean { prototypes.append((mean, label)) }
                }
            }
            return try LabelledDescriptors(prototypes)
        }
    }
}

extension EnrolmentStrategy: CustomStringConvertible {
    public var description: String {
        switch self {
        case .all: "all"
        case .average: "average"
        case let .clusters(threshold): "clusters (threshold \(threshold))"
        }
    }
}
