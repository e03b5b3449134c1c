/// Why a gallery of known people could not be built.
public enum GalleryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The known-people path is missing or is a file.
    case notAFolder(String)
    /// No usable photo: every known photo was unreadable or had zero or several faces.
    case noKnownFaces(String)

    public var description: String {
        switch self {
        case let .notAFolder(path):
            return "\(path) is not a folder: give a folder of person-named photos (obama.jpg) "
                + "or of person folders (obama/1.jpg)"
        case let .noKnownFaces(path):
            return "no known faces in \(path): each known photo must show exactly one face"
        }
    }
}
