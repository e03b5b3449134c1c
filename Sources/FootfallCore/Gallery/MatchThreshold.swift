import Faces

/// The distance a site recognises at before calibration on its own members (``SiteCalibration``)
/// tightens it.
public enum MatchThreshold {
    /// The embedding's own same-person distance (``EmbeddingSignature/defaultTolerance``:
    /// 0.6 for dlib's ResNet, 1.128 for SFace); face_recognition's 0.6 for a model it does not know.
    public static func `default`(for embedding: String) -> Float {
        let known = [EmbeddingSignature.dlibResNet, .sface].first { $0.model == embedding }
        return known?.defaultTolerance ?? FaceGallery.defaultTolerance
    }
}
