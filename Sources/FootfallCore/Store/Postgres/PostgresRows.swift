import Faces
import Foundation
import PostgresNIO

// The domain types to and from PostgreSQL rows: the same tables and column names as the SQLite
// records (SQLiteRecords.swift), with ids as text, times as timestamptz and descriptors as bytea.

/// A time as `timestamptz`, rounded to PostgreSQL's microsecond rather than truncated (the
/// library's own Date encoding truncates, so a time could come back a microsecond early).
struct PostgresTime: PostgresNonThrowingEncodable, PostgresDecodable, Sendable {
    var date: Date

    init(_ date: Date) { self.date = date }

    /// Microseconds from 1970 to 2000-01-01, PostgreSQL's epoch.
    private static let epochOffset: Int64 = 946_684_800_000_000

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) - Self.epochOffset
        byteBuffer.writeInteger(microseconds)
    }

    init<JSONDecoder: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                           context: PostgresDecodingContext<JSONDecoder>) throws {
        guard format == .binary, type == .timestamptz || type == .timestamp, buffer.readableBytes == 8,
              let microseconds = buffer.readInteger(as: Int64.self)
        else { throw PostgresDecodingError.Code.typeMismatch }
        date = Date(timeIntervalSince1970: Double(microseconds + Self.epochOffset) / 1_000_000)
    }
}

/// Bytes as `bytea`, encodable without `try` (the library's `Data` conformance is the throwing kind).
struct PostgresBytes: PostgresNonThrowingEncodable, Sendable {
    var data: Data

    init(_ data: Data) { self.data = data }

    static var psqlType: PostgresDataType { .bytea }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeBytes(data)
    }
}

extension Date {
    var postgres: PostgresTime { PostgresTime(self) }
}

extension Optional where Wrapped == Date {
    var postgres: PostgresTime? { map(PostgresTime.init) }
}

extension Data {
    var postgres: PostgresBytes { PostgresBytes(self) }
}

extension Optional where Wrapped == Data {
    var postgres: PostgresBytes? { map(PostgresBytes.init) }
}

/// One row read by column name.
struct PostgresRecord {
    private let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func string(_ column: String) throws -> String { try row[column].decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try row[column].decode(String?.self) }
    func id(_ column: String) throws -> UUID { try UUID(storedForm: string(column)) }
    func optionalID(_ column: String) throws -> UUID? { try optionalString(column).map { try UUID(storedForm: $0) } }
    func date(_ column: String) throws -> Date { try row[column].decode(PostgresTime.self).date }
    func optionalDate(_ column: String) throws -> Date? { try row[column].decode(PostgresTime?.self)?.date }
    func float(_ column: String) throws -> Float { try row[column].decode(Float.self) }
    func optionalFloat(_ column: String) throws -> Float? { try row[column].decode(Float?.self) }
    func int(_ column: String) throws -> Int { try row[column].decode(Int.self) }
    func int64(_ column: String) throws -> Int64 { try row[column].decode(Int64.self) }
    func data(_ column: String) throws -> Data { try row[column].decode(Data.self) }
    func optionalData(_ column: String) throws -> Data? { try row[column].decode(Data?.self) }
    func bool(_ column: String) throws -> Bool { try row[column].decode(Bool.self) }
}

/// A type read from one row of its table (`SELECT *`).
protocol PostgresReadable {
    init(postgres row: PostgresRecord) throws
}

extension PostgresReadable {
    static func all(_ rows: [PostgresRow]) throws -> [Self] { try rows.map { try Self(postgres: PostgresRecord($0)) } }
}

extension Site: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), name: row.string("name"), timeZone: row.string("time_zone"),
                      enrolment: EnrolmentStrategy(storedForm: row.string("enrolment")),
                      matchThreshold: row.optionalFloat("match_threshold"), createdAt: row.date("created_at"))
    }
}

extension Door: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), siteID: row.id("site_id"), name: row.string("name"),
                      createdAt: row.date("created_at"))
    }
}

extension Member: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), name: row.string("name"), externalID: row.optionalString("external_id"),
                      status: storedCase(row.string("status"), as: Status.self), expiresAt: row.optionalDate("expires_at"),
                      role: storedCase(row.string("role"), as: Role.self), consentAt: row.optionalDate("consent_at"),
                      createdAt: row.date("created_at"), updatedAt: row.date("updated_at"))
    }
}

extension FaceSample: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), memberID: row.id("member_id"),
                      descriptor: DescriptorBlob.descriptor(row.data("descriptor")), embedding: row.string("embedding"),
                      quality: SampleQuality(faceWidth: row.float("face_width"), sharpness: row.float("sharpness"),
                                             yaw: row.float("yaw"), confidence: row.float("confidence")),
                      source: storedCase(row.string("source"), as: Source.self), photo: row.optionalData("photo"),
                      photoExpiresAt: row.optionalDate("photo_expires_at"), createdAt: row.date("created_at"))
    }
}

extension UnknownVisitor: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"),
                      descriptors: DescriptorBlob.descriptors(row.data("descriptors"), dimension: row.int("dimension")),
                      embedding: row.string("embedding"), firstSeen: row.date("first_seen"), lastSeen: row.date("last_seen"),
                      visitCount: row.int("visit_count"), memberID: row.optionalID("member_id"))
    }
}

extension Event: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), at: row.date("at"), doorID: row.id("door_id"),
                      kind: storedCase(row.string("kind"), as: Kind.self), memberID: row.optionalID("member_id"),
                      unknownVisitorID: row.optionalID("unknown_visitor_id"), score: row.optionalFloat("score"),
                      trackID: row.optionalString("track_id"))
    }
}

extension Visit: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), siteID: row.id("site_id"), memberID: row.optionalID("member_id"),
                      unknownVisitorID: row.optionalID("unknown_visitor_id"), enteredAt: row.date("entered_at"),
                      leftAt: row.optionalDate("left_at"))
    }
}

extension APIKey: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), name: row.string("name"), role: storedCase(row.string("role"), as: Role.self),
                      secretHash: row.string("secret_hash"), doorID: row.optionalID("door_id"),
                      createdAt: row.date("created_at"), lastUsedAt: row.optionalDate("last_used_at"))
    }
}

extension User: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), name: row.string("name"), role: storedCase(row.string("role"), as: Role.self),
                      passwordHash: row.string("password_hash"), createdAt: row.date("created_at"))
    }
}

extension AuditEntry: PostgresReadable {
    init(postgres row: PostgresRecord) throws {
        try self.init(id: row.id("id"), at: row.date("at"), actor: row.string("actor"), action: row.string("action"),
                      subject: row.string("subject"))
    }
}

// MARK: Writing: one upsert per record, every column spelled out

extension Site {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO site (id, name, time_zone, enrolment, match_threshold, created_at)
        VALUES (\(id.uuidString), \(name), \(timeZone), \(enrolment.storedForm), \(matchThreshold), \(createdAt.postgres))
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
            enrolment = EXCLUDED.enrolment, match_threshold = EXCLUDED.match_threshold, created_at = EXCLUDED.created_at
        """
    }
}

extension Door {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO door (id, site_id, name, created_at)
        VALUES (\(id.uuidString), \(siteID.uuidString), \(name), \(createdAt.postgres))
        ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, name = EXCLUDED.name, created_at = EXCLUDED.created_at
        """
    }
}

extension Member {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO member (id, name, external_id, status, expires_at, role, consent_at, created_at, updated_at)
        VALUES (\(id.uuidString), \(name), \(externalID), \(status.rawValue), \(expiresAt.postgres), \(role.rawValue),
                \(consentAt.postgres), \(createdAt.postgres), \(updatedAt.postgres))
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, external_id = EXCLUDED.external_id,
            status = EXCLUDED.status, expires_at = EXCLUDED.expires_at, role = EXCLUDED.role,
            consent_at = EXCLUDED.consent_at, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
        """
    }

    /// The member's own fields over the stored row; returns its id when there was one.
    var postgresUpdate: PostgresQuery {
        """
        UPDATE member SET name = \(name), external_id = \(externalID), status = \(status.rawValue),
            expires_at = \(expiresAt.postgres), role = \(role.rawValue), consent_at = \(consentAt.postgres),
            created_at = \(createdAt.postgres), updated_at = \(updatedAt.postgres)
        WHERE id = \(id.uuidString) RETURNING id
        """
    }
}

extension FaceSample {
    var postgresInsert: PostgresQuery {
        """
        INSERT INTO face_sample (id, member_id, descriptor, embedding, face_width, sharpness, yaw, confidence,
                                 source, photo, photo_expires_at, created_at)
        VALUES (\(id.uuidString), \(memberID.uuidString), \(DescriptorBlob.data(descriptor).postgres), \(embedding),
                \(quality.faceWidth), \(quality.sharpness), \(quality.yaw), \(quality.confidence), \(source.rawValue),
                \(photo.postgres), \(photoExpiresAt.postgres), \(createdAt.postgres))
        """
    }
}

extension UnknownVisitor {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO unknown_visitor (id, descriptors, dimension, embedding, first_seen, last_seen, visit_count, member_id)
        VALUES (\(id.uuidString), \(DescriptorBlob.data(descriptors).postgres), \(Int32(descriptors.first?.count ?? 0)),
                \(embedding), \(firstSeen.postgres), \(lastSeen.postgres), \(Int32(visitCount)), \(memberID?.uuidString))
        ON CONFLICT (id) DO UPDATE SET descriptors = EXCLUDED.descriptors, dimension = EXCLUDED.dimension,
            embedding = EXCLUDED.embedding, first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen,
            visit_count = EXCLUDED.visit_count, member_id = EXCLUDED.member_id
        """
    }
}

extension Event {
    var postgresInsert: PostgresQuery {
        """
        INSERT INTO event (id, at, door_id, kind, member_id, unknown_visitor_id, score, track_id)
        VALUES (\(id.uuidString), \(at.postgres), \(doorID.uuidString), \(kind.rawValue), \(memberID?.uuidString),
                \(unknownVisitorID?.uuidString), \(score), \(trackID))
        """
    }
}

extension Visit {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO visit (id, site_id, member_id, unknown_visitor_id, entered_at, left_at)
        VALUES (\(id.uuidString), \(siteID.uuidString), \(memberID?.uuidString), \(unknownVisitorID?.uuidString),
                \(enteredAt.postgres), \(leftAt.postgres))
        ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, member_id = EXCLUDED.member_id,
            unknown_visitor_id = EXCLUDED.unknown_visitor_id, entered_at = EXCLUDED.entered_at, left_at = EXCLUDED.left_at
        """
    }
}

extension APIKey {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO api_key (id, name, role, secret_hash, door_id, created_at, last_used_at)
        VALUES (\(id.uuidString), \(name), \(role.rawValue), \(secretHash), \(doorID?.uuidString), \(createdAt.postgres),
            \(lastUsedAt.postgres))
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, secret_hash = EXCLUDED.secret_hash,
            door_id = EXCLUDED.door_id, created_at = EXCLUDED.created_at, last_used_at = EXCLUDED.last_used_at
        """
    }
}

extension User {
    var postgresUpsert: PostgresQuery {
        """
        INSERT INTO app_user (id, name, role, password_hash, created_at)
        VALUES (\(id.uuidString), \(name), \(role.rawValue), \(passwordHash), \(createdAt.postgres))
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
            password_hash = EXCLUDED.password_hash, created_at = EXCLUDED.created_at
        """
    }
}

extension AuditEntry {
    var postgresInsert: PostgresQuery {
        """
        INSERT INTO audit (id, at, actor, action, subject)
        VALUES (\(id.uuidString), \(at.postgres), \(actor), \(action), \(subject))
        """
    }
}
