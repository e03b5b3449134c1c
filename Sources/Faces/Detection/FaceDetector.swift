/// Finds faces in an image: the one step every detector (MTCNN, and later YuNet or RFB-320)
/// shares, so that landmarking, alignment and embedding work with any of them.
public protocol FaceDetector: Sendable {
    /// The faces in `image`, most confident first. An image without faces gives an empty array;
    /// errors mean the detector itself failed (a model that cannot run, say), never "no face".
    func detect(in image: Image) throws -> [FaceDetection]
}
