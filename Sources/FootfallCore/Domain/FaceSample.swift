import Faces
import Foundation

/// One descriptor of a member's face: a CompreFace "face example".
///
/// The descriptor is what recognition needs; the photo it came from is kept only when the
/// operator turns photos on, and then only until `photoExpiresAt`.
public struct FaceSample: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var memberID: UUID
    public var descriptor: FaceDescriptor
    /// The embedding model that made the descriptor (`EmbeddingSignature.model`): a gallery
    /// matches only descriptors of one model.
    public var embedding: String
    public var quality: SampleQuality
    public var source: Source
    /// The encoded photo (JPEG or PNG as uploaded), only when photos are on.
    public var photo: Data?
    public var photoExpiresAt: Date?
    public var createdAt: Date

    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case photo, webcam
        /// Promoted from the unknown-visitors inbox when staff named the visitor.
        case unknownVisitor = "unknown-visitor"
    }

    public init(id: UUID = UUID(), memberID: UUID, descriptor: FaceDescriptor, embedding: String,
                quality: SampleQuality, source: Source, photo: Data? = nil, photoExpiresAt: Date? = nil,
                createdAt: Date = Date()) {
        self.id = id
        self.memberID = memberID
        self.descriptor = descriptor
        self.embedding = embedding
        self.quality = quality
        self.source = source
        self.photo = photo
        self.photoExpiresAt = photoExpiresAt
        self.createdAt = createdAt
    }
}

/// The figures the enrolment gates judged a sample by (see ``EnrolmentGates``).
public struct SampleQuality: Sendable, Hashable, Codable {
    /// Width of the detected face box, in pixels of the photo.
    public var faceWidth: Float
    /// Variance of the Laplacian of the face, normalised to a fixed size: higher is sharper.
    public var sharpness: Float
    /// How far the nose sits from the middle of the eyes, as a fraction of the eye distance:
    /// 0 is frontal, ±0.5 a half profile.
    public var yaw: Float
    /// The detector's confidence.
    public var confidence: Float

    public init(faceWidth: Float, sharpness: Float, yaw: Float, confidence: Float) {
        self.faceWidth = faceWidth
        self.sharpness = sharpness
        self.yaw = yaw
        self.confidence = confidence
    }
}
