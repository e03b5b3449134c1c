/// Which embedding produced the descriptors a model learnt from. Distances between
/// descriptors of different networks mean nothing, so a model refuses descriptors of any
/// other signature.
public struct EmbeddingSignature: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The network's name, its weight file without the extension.
    public var model: String
    /// Values per descriptor.
    public var dimension: Int

    public init(model: String, dimension: Int) {
        self.model = model
        self.dimension = dimension
    }

    /// dlib's face recognition ResNet, the pipeline's embedder.
    public static let dlibResNet = EmbeddingSignature(model: "dlib_face_recognition_resnet_model_v1", dimension: 128)

    public var description: String { "\(model) (\(dimension) values)" }

    /// The largest Euclidean distance between two of this embedding's descriptors that counts
    /// as the same person when nothing was calibrated: face_recognition's 0.6
    /// (``FaceGallery/defaultTolerance``) for dlib's ResNet, OpenCV's 1.128
    /// (``SFaceEmbedder/sameFaceDistance``, cosine 0.363 on unit-length descriptors) for SFace;
    /// nil for an embedding Footfall does not compute. The one place that pairs an embedding
    /// with its threshold.
    public var defaultTolerance: Float? {
        switch self {
        case .dlibResNet: FaceGallery.defaultTolerance
        case .sface: SFaceEmbedder.sameFaceDistance
        default: nil
        }
    }
}
