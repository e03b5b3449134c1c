/// Turns a face into a descriptor, given the landmarks to align it by: the last step of the
/// pipeline. dlib's ResNet (``DlibResNetEmbedder``) is one; an ONNX network such as
/// MobileFaceNet, aligned from other points, would be another.
public protocol FaceEmbedder: Sendable {
    /// The network the descriptors come from: descriptors of different signatures cannot be
    /// compared.
    var signature: EmbeddingSignature { get }

    /// The landmarks each face is aligned from: the pipeline's landmarker must give these.
    var alignmentLayout: LandmarkLayout { get }

    /// One descriptor per face of `image`, each face given by its alignment landmarks; with
    /// `jitters` above 1, each is the mean over that many randomly jittered copies of the face,
    /// reproducible with `seed`.
    func descriptors(in image: Image, alignedBy landmarks: [[Point]], jitters: Int, seed: UInt64) throws -> [FaceDescriptor]
}

extension DlibResNetEmbedder: FaceEmbedder {
    public var signature: EmbeddingSignature { .dlibResNet }

    public var alignmentLayout: LandmarkLayout { .dlib5 }

    public func descriptors(in image: Image, alignedBy landmarks: [[Point]], jitters: Int, seed: UInt64) throws -> [FaceDescriptor] {
        let chips = try landmarks.map { try chip(in: image, landmarks5: $0) }
        return try descriptors(chips: chips, jitters: jitters, seed: seed)
    }
}
