/// Why a face chip could not be placed.
public enum FaceAlignmentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The chip template needs the five points of `shape_predictor_5_face_landmarks.dat`.
    case wrongLandmarkCount(Int)
    /// Chips are at least 2×2 pixels.
    case invalidSize(Int)
    /// Padding is a fraction of the face width, zero or more.
    case invalidPadding(Double)
    /// The landmarks are not finite or all coincide, so they fix no scale or angle.
    case degenerateLandmarks

    public var description: String {
        switch self {
        case let .wrongLandmarkCount(count):
            return "a face chip is placed from the 5 landmarks of shape_predictor_5_face_landmarks.dat, "
                + "but \(count) were given; use the 5-point predictor's output"
        case let .invalidSize(size):
            return "a face chip of \(size)×\(size) pixels is impossible; use a size of 2 or more (dlib's models want 150)"
        case let .invalidPadding(padding):
            return "padding \(padding) must be a finite fraction of the face size, 0 or more (dlib's default is 0.25)"
        case .degenerateLandmarks:
            return "the landmarks coincide or are not finite numbers, so they give the chip no size or angle; "
                + "check the face box passed to the shape predictor"
        }
    }
}
