/// The distances between all pairs of labelled descriptors, split into genuine pairs (same
/// label) and impostor pairs (different labels), each sorted ascending.
public struct DistanceDistributions: Sendable, Hashable {
    public let genuine: [Float]
    public let impostor: [Float]

    /// Distances given directly, e.g. from a pairs file; NaNs are dropped.
    public init(genuine: [Float], impostor: [Float]) throws {
        self.genuine = genuine.filter { !$0.isNaN }.sorted()
        self.impostor = impostor.filter { !$0.isNaN }.sorted()
        guard !self.genuine.isEmpty else { throw CalibrationError.noGenuinePairs }
        guard !self.impostor.isEmpty else { throw CalibrationError.noImpostorPairs }
    }

    /// Euclidean distances over all n(n−1)/2 unordered pairs.
    public init(descriptors: [FaceDescriptor], labels: [String]) throws {
        guard descriptors.count == labels.count else {
            throw CalibrationError.mismatchedCounts(descriptors: descriptors.count, labels: labels.count)
        }
        var genuine: [Float] = []
        var impostor: [Float] = []
        for i in descriptors.indices {
            for j in descriptors.indices where j > i {
                let distance = descriptors[i].distance(to: descriptors[j])
                if labels[i] == labels[j] { genuine.append(distance) } else { impostor.append(distance) }
            }
        }
        try self.init(genuine: genuine, impostor: impostor)
    }
}
