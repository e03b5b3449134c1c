import Foundation
import FootfallCore

/// A member as Footfall's API shows it: never a descriptor.
struct MemberJSON: Codable {
    var id: UUID
    var name: String
    var externalID: String?
    var status: Member.Status
    var expiresAt: Date?
    var role: Member.Role
    var consentAt: Date?
    var samples: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, externalID = "external_id", status, expiresAt = "expires_at", role, consentAt = "consent_at"
        case samples, createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ member: Member, samples: Int) {
        (id, name, externalID, status, expiresAt, role, consentAt) =
            (member.id, member.name, member.externalID, member.status, member.expiresAt, member.role, member.consentAt)
        (self.samples, createdAt, updatedAt) = (samples, member.createdAt, member.updatedAt)
    }
}

/// One sample's figures.
struct SampleJSON: Encodable {
    var id: UUID
    var source: FaceSample.Source
    var embedding: String
    var faceWidth: Float, sharpness: Float, yaw: Float, confidence: Float
    var photoKept: Bool
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, source, embedding, faceWidth = "face_width", sharpness, yaw, confidence, photoKept = "photo_kept", createdAt = "created_at"
    }

    init(_ sample: FaceSample) {
        (id, source, embedding) = (sample.id, sample.source, sample.embedding)
        (faceWidth, sharpness, yaw, confidence) = (sample.quality.faceWidth, sample.quality.sharpness, sample.quality.yaw, sample.quality.confidence)
        (photoKept, createdAt) = (sample.photo != nil, sample.createdAt)
    }
}
