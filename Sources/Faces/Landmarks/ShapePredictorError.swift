/// Why a shape predictor file could not be loaded.
public enum ShapePredictorError: Error, CustomStringConvertible, Sendable {
    /// Nothing exists at the path.
    case missingFile(path: String)
    /// The file is not a dlib shape predictor, or is truncated or damaged; the underlying error
    /// names the byte offset where reading failed.
    case malformed(DlibFormatError)

    public var description: String {
        switch self {
        case let .missingFile(path):
            return "no shape predictor at \(path): run `footfall models install` to download "
                + "shape_predictor_5_face_landmarks.dat and shape_predictor_68_face_landmarks.dat"
        case let .malformed(error):
            return "\(error.file) is not a usable dlib shape predictor (at byte \(error.offset): "
                + "\(error.reason)); if it is one of the default models, replace it with "
                + "`footfall models install --force`"
        }
    }
}
