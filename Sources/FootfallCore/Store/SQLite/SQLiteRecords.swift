import Faces
import Foundation
import GRDB

// The domain types as GRDB records: one table each (see Schema), columns spelled out so the
// PostgreSQL twin reads the same names.

extension Site: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "site"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), name: row["name"], timeZone: row["time_zone"],
                      enrolment: EnrolmentStrategy(storedForm: row["enrolment"]),
                      matchThreshold: row["match_threshold"], createdAt: row["created_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["name"] = name
        container["time_zone"] = timeZone
        container["enrolment"] = enrolment.storedForm
        container["match_threshold"] = matchThreshold
        container["created_at"] = createdAt
    }
}

extension Door: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "door"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), siteID: UUID(storedForm: row["site_id"]),
                      name: row["name"], createdAt: row["created_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["site_id"] = siteID.uuidString
        container["name"] = name
        container["created_at"] = createdAt
    }
}

extension Member: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "member"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), name: row["name"], externalID: row["external_id"],
                      status: storedCase(row["status"], as: Status.self), expiresAt: row["expires_at"],
                      role: storedCase(row["role"], as: Role.self), consentAt: row["consent_at"],
                      createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["name"] = name
        container["external_id"] = externalID
        container["status"] = status.rawValue
        container["expires_at"] = expiresAt
        container["role"] = role.rawValue
        container["consent_at"] = consentAt
        container["created_at"] = createdAt
        container["updated_at"] = updatedAt
    }
}

extension FaceSample: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "face_sample"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), memberID: UUID(storedForm: row["member_id"]),
                      descriptor: DescriptorBlob.descriptor(row["descriptor"]), embedding: row["embedding"],
                      quality: SampleQuality(faceWidth: row["face_width"], sharpness: row["sharpness"],
                                             yaw: row["yaw"], confidence: row["confidence"]),
                      source: storedCase(row["source"], as: Source.self), photo: row["photo"],
                      photoExpiresAt: row["photo_expires_at"], createdAt: row["created_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["member_id"] = memberID.uuidString
        container["descriptor"] = DescriptorBlob.data(descriptor)
        container["embedding"] = embedding
        container["face_width"] = quality.faceWidth
        container["sharpness"] = quality.sharpness
        container["yaw"] = quality.yaw
        container["confidence"] = quality.confidence
        container["source"] = source.rawValue
        container["photo"] = photo
        container["photo_expires_at"] = photoExpiresAt
        container["created_at"] = createdAt
    }
}

extension UnknownVisitor: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "unknown_visitor"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]),
                      descriptors: DescriptorBlob.descriptors(row["descriptors"], dimension: row["dimension"]),
                      embedding: row["embedding"], firstSeen: row["first_seen"], lastSeen: row["last_seen"],
                      visitCount: row["visit_count"],
                      memberID: (row["member_id"] as String?).map { try UUID(storedForm: $0) })
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["descriptors"] = DescriptorBlob.data(descriptors)
        container["dimension"] = descriptors.first?.count ?? 0
        container["embedding"] = embedding
        container["first_seen"] = firstSeen
        container["last_seen"] = lastSeen
        container["visit_count"] = visitCount
        container["member_id"] = memberID?.uuidString
    }
}

extension Event: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), at: row["at"], doorID: UUID(storedForm: row["door_id"]),
                      kind: storedCase(row["kind"], as: Kind.self),
                      memberID: (row["member_id"] as String?).map { try UUID(storedForm: $0) },
                      unknownVisitorID: (row["unknown_visitor_id"] as String?).map { try UUID(storedForm: $0) },
                      score: row["score"], trackID: row["track_id"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["at"] = at
        container["door_id"] = doorID.uuidString
        container["kind"] = kind.rawValue
        container["member_id"] = memberID?.uuidString
        container["unknown_visitor_id"] = unknownVisitorID?.uuidString
        container["score"] = score
        container["track_id"] = trackID
    }
}

extension Visit: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "visit"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), siteID: UUID(storedForm: row["site_id"]),
                      memberID: (row["member_id"] as String?).map { try UUID(storedForm: $0) },
                      unknownVisitorID: (row["unknown_visitor_id"] as String?).map { try UUID(storedForm: $0) },
                      enteredAt: row["entered_at"], leftAt: row["left_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["site_id"] = siteID.uuidString
        container["member_id"] = memberID?.uuidString
        container["unknown_visitor_id"] = unknownVisitorID?.uuidString
        container["entered_at"] = enteredAt
        container["left_at"] = leftAt
    }
}

extension APIKey: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "api_key"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), name: row["name"], role: storedCase(row["role"], as: Role.self),
                      secretHash: row["secret_hash"], doorID: (row["door_id"] as String?).map { try UUID(storedForm: $0) },
                      createdAt: row["created_at"], lastUsedAt: row["last_used_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["name"] = name
        container["role"] = role.rawValue
        container["secret_hash"] = secretHash
        container["door_id"] = doorID?.uuidString
        container["created_at"] = createdAt
        container["last_used_at"] = lastUsedAt
    }
}

extension User: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "app_user"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), name: row["name"], role: storedCase(row["role"], as: Role.self),
                      passwordHash: row["password_hash"], createdAt: row["created_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["name"] = name
        container["role"] = role.rawValue
        container["password_hash"] = passwordHash
        container["created_at"] = createdAt
    }
}

extension AuditEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"

    public init(row: Row) throws {
        try self.init(id: UUID(storedForm: row["id"]), at: row["at"], actor: row["actor"], action: row["action"],
                      subject: row["subject"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.uuidString
        container["at"] = at
        container["actor"] = actor
        container["action"] = action
        container["subject"] = subject
    }
}
