/// A face embedding: a point in a space where the same person's faces lie close together.
///
/// Compare descriptors with ``distance(to:)``. For dlib's ResNet the descriptor is not
/// normalised (norms are about 1.3–1.6) and two faces are usually the same person below a
/// Euclidean distance of 0.6, the threshold face_recognition uses.
public struct FaceDescriptor: Sendable, Hashable, Codable {
    public let values: [Float]

    public init(_ values: [Float]) {
        self.values = values
    }

    public var count: Int { values.count }

    /// Euclidean distance; descriptors of different lengths are infinitely far apart.
    public func distance(to other: FaceDescriptor) -> Float {
        guard values.count == other.values.count else { return .infinity }
        var sum: Float = 0
        for i in values.indices {
            let d = values[i] - other.values[i]
            sum += d * d
        }
        return sum.squareRoot()
    }

    /// The component-wise mean of several descriptors of equal length, or nil for none.
    public static func mean(_ descriptors: [FaceDescriptor]) -> FaceDescriptor? {
        guard let first = descriptors.first else { return nil }
        var sum = [Float](repeating: 0, count: first.count)
        for descriptor in descriptors {
            for i in sum.indices { sum[i] += descriptor.values[i] }
        }
        let n = Float(descriptors.count)
        return FaceDescriptor(sum.map { $0 / n })
    }
}
