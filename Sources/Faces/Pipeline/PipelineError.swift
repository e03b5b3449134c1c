/// Why the pipeline could not be put together.
public enum PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The landmarker gives other points than the embedder aligns faces from.
    case landmarkLayoutMismatch(landmarker: LandmarkLayout, embedder: LandmarkLayout)

    public var description: String {
        switch self {
        case let .landmarkLayoutMismatch(landmarker, embedder):
            "the embedder aligns faces from \(embedder) landmarks but the landmarker finds \(landmarker): "
                + "pair dlib's ResNet with the 5-point shape predictor (shape_predictor_5_face_landmarks.dat)"
        }
    }
}
