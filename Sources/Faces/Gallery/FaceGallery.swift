/// Known people and their face descriptors, to put names to unknown faces.
///
///     var gallery = FaceGallery()
///     gallery.add(obamaDescriptor, for: "obama")
///     gallery.bestMatch(for: unknown)?.name   // "obama", or nil when nobody is within 0.6
///
/// A person's distance to an unknown face is the distance to the *nearest* of that person's
/// descriptors, not to their mean: face_recognition compares against every known photo the
/// same way, and a mean of a frontal and a profile photo resembles neither, so one good photo
/// of the right pose should be enough to recognise someone.
public struct FaceGallery: Sendable, Hashable {
    /// Descriptors by person name.
    public private(set) var people: [String: [FaceDescriptor]]

    /// face_recognition's default: dlib's ResNet puts faces of one person closer than 0.6.
    public static let defaultTolerance: Float = 0.6

    public init(people: [String: [FaceDescriptor]] = [:]) {
        self.people = people.filter { !$0.value.isEmpty }
    }

    /// Known names, sorted.
    public var names: [String] { people.keys.sorted() }

    public var isEmpty: Bool { people.isEmpty }

    public mutating func add(_ descriptor: FaceDescriptor, for name: String) {
        people[name, default: []].append(descriptor)
    }

    /// The nearest known person within `tolerance` (inclusive, as face_recognition's
    /// `compare_faces`), or nil when nobody is that close. Equal distances go to the name that
    /// sorts first, so results do not depend on dictionary order.
    public func bestMatch(for descriptor: FaceDescriptor, tolerance: Float = defaultTolerance) -> FaceMatch? {
        matches(for: descriptor, tolerance: tolerance).first
    }

    /// Every known person within `tolerance`, nearest first: one match per person (at that
    /// person's nearest descriptor), where face_recognition's CLI lists every matching photo.
    public func matches(for descriptor: FaceDescriptor, tolerance: Float = defaultTolerance) -> [FaceMatch] {
        people.compactMap { name, known -> FaceMatch? in
            let nearest = known.map { $0.distance(to: descriptor) }.min() ?? .infinity
            return nearest <= tolerance ? FaceMatch(name: name, distance: nearest) : nil
        }
        .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
    }
}
