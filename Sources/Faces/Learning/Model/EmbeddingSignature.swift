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
}
