/// Turns a face into a descriptor, given the landmarks to align it by: the last step of the
/// pipeline. dlib's ResNet (``DlibResNetEmbedder``) is one; an ONNX network such as
/// MobileFaceNet, aligned from other points, would be another.
public protocol FaceEmbedder: Sendable {
    /// The network the descriptors come from: descriptors of different signatures cannot be
    /// compared.
    var signature: EmbeddingSignature { get }

    /// The landmarks each face is aligned from: the pipeline's landmarker must give these.
    var alignmentLayout: LandmarkLayout { get }

    /// One descriptor per face of `image`, each face given by its alignment landmarks, averaged
    /// over the copies `augmentation` asks for.
    func descriptors(in image: Image, alignedBy landmarks: [[Point]], augmentation: Augmentation) throws -> [FaceDescriptor]
}

/// Test-time augmentation: a descriptor averaged over altered copies of the face is a little
/// more robust to pose and alignment than one from the face alone, at the cost of one network
/// pass per copy. Worth it for a stored enrolment sample; a kiosk frame stays without.
public struct Augmentation: Sendable, Hashable {
    /// Above 1: the mean over this many randomly moved, scaled, turned and (half of them)
    /// mirrored copies, dlib's `num_jitters`. 0 or 1: none.
    public var jitters: Int
    /// Seed of the jitter, for reproducible descriptors.
    public var seed: UInt64
    /// The mean of the face and its mirror image: two passes. Jitter mirrors half its copies
    /// already, so this applies only without jitter.
    public var mirror: Bool

    public init(jitters: Int = 0, seed: UInt64 = 0, mirror: Bool = false) {
        self.jitters = jitters
        self.seed = seed
        self.mirror = mirror
    }

    /// The face alone.
    public static let none = Augmentation()
}

extension DlibResNetEmbedder: FaceEmbedder {
    public var signature: EmbeddingSignature { .dlibResNet }

    public var alignmentLayout: LandmarkLayout { .dlib5 }

    public func descriptors(in image: Image, alignedBy landmarks: [[Point]], augmentation: Augmentation) throws -> [FaceDescriptor] {
        let chips = try landmarks.map { try chip(in: image, landmarks5: $0) }
        return try descriptors(chips: chips, augmentation: augmentation)
    }
}
