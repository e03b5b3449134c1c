/// What a model file is for in the pipeline.
public enum ModelRole: String, Hashable, Sendable, CaseIterable {
    /// A 128-d face descriptor: dlib's ResNet (the default) or SFace.
    case embedding
    /// Five landmarks for aligning face chips.
    case landmarks5 = "landmarks-5"
    /// The 68-point landmark scheme (iBUG 300-W).
    case landmarks68 = "landmarks-68"
    /// The CNN (MMOD) face detector, an alternative to MTCNN.
    case detectorCNN = "detector-cnn"
    /// The default face detector (one of the three MTCNN stages).
    case detector
    case age
    case gender
    /// Facial expression, seven classes.
    case expression
}

/// One model file: where it comes from and the exact bytes it must have.
///
/// Installed models live flat in the cache folder under `fileName`.
public struct ModelFile: Hashable, Sendable {
    /// A short name for the command line: the file name without its extension.
    public let name: String
    public let fileName: String
    public let role: ModelRole
    public let distribution: ModelDistribution
    /// The member's path inside the distribution's archive.
    public let pathInArchive: String
    /// Size in bytes.
    public let size: Int
    /// SHA-256 of the file, 64 lowercase hex digits.
    public let sha256: String
    /// The licence of the weights, with any restriction a user must know about.
    public let licence: String

    public init(fileName: String, role: ModelRole, distribution: ModelDistribution, pathInArchive: String,
                size: Int, sha256: String, licence: String) {
        self.name = fileName.split(separator: ".").first.map(String.init) ?? fileName
        self.fileName = fileName
        self.role = role
        self.distribution = distribution
        self.pathInArchive = pathInArchive
        self.size = size
        self.sha256 = sha256
        self.licence = licence
    }
}
