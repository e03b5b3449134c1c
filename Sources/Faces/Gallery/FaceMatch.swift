/// A known person whose faces lie within the tolerance of an unknown face.
public struct FaceMatch: Sendable, Hashable, Codable {
    public var name: String
    /// Euclidean distance from the unknown descriptor to the nearest of the person's descriptors.
    public var distance: Float

    public init(name: String, distance: Float) {
        self.name = name
        self.distance = distance
    }
}
