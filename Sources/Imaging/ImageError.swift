/// Why an image could not be read or written. Every case names the file (or the `name` given to
/// ``Image/init(data:name:limits:)``) so that a message in a log points at the culprit.
public enum ImageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened or read (missing, a directory, no permission).
    case unreadable(file: String, reason: String)
    /// The file holds no bytes at all.
    case empty(file: String)
    /// The data stops before the image does: an interrupted download or copy.
    case truncated(file: String)
    /// The data is damaged; `message` is the decoding library's own explanation.
    case corrupt(file: String, message: String)
    /// The bytes are not JPEG, PNG or binary/plain PGM/PPM; `detail` names what was found.
    case unsupportedFormat(file: String, detail: String)
    /// The header announces more pixels than ``ImageLimits/maxPixels`` allows; nothing was allocated.
    case tooLarge(file: String, width: Int, height: Int, maxPixels: Int)
    /// The image could not be encoded; `message` is the encoding library's explanation.
    case encodingFailed(format: String, message: String)
    /// ``Image/write(to:)`` cannot tell the format from the file's extension.
    case unknownExtension(file: String)
    /// The encoded bytes could not be written to `file`.
    case unwritable(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "cannot read \(file): \(reason); check the path and its permissions"
        case let .empty(file):
            return "\(file) is empty (0 bytes); the copy or download that made it probably failed"
        case let .truncated(file):
            return "\(file) is truncated: the data ends before the image does; copy or download it again"
        case let .corrupt(file, message):
            return "\(file) is corrupt (\(message)); re-export it or replace it"
        case let .unsupportedFormat(file, detail):
            return "\(file) is \(detail), which is not supported; convert it to JPEG or PNG"
        case let .tooLarge(file, width, height, maxPixels):
            return "\(file) is \(width)×\(height) pixels, more than the limit of \(maxPixels); "
                + "downscale it or raise ImageLimits.maxPixels"
        case let .encodingFailed(format, message):
            return "cannot encode the image as \(format): \(message)"
        case let .unknownExtension(file):
            return "cannot tell which format to write for \(file): end its name in .png, .jpg or .jpeg"
        case let .unwritable(file, reason):
            return "cannot write \(file): \(reason); check that the folder exists and is writable"
        }
    }
}
