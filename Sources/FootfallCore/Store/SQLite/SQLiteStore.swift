import Faces
import Foundation
import GRDB

/// The embedded store: one SQLite file (`footfall.sqlite` in the data folder), in WAL mode so the
/// door keeps reading while staff enrol, with `secure_delete` on so a deleted member's rows are
/// overwritten rather than left in free pages.
public final class SQLiteStore: Store {
    public let path: String
    private let database: DatabasePool
    private let generationPoll: Duration

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// `generationPoll`: how often ``galleryChanges()`` looks for changes made by other processes.
    public init(path: String, generationPoll: Duration = .milliseconds(250)) throws {
        self.path = path
        self.generationPoll = generationPoll
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try database.write { db in
                let migrator = Self.migrator
                if try migrator.hasBeenSuperseded(db) {
                    let known = Set(migrator.migrations)
                    let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
                    throw StoreError.newerDatabase(location: path, unknownMigrations: unknown)
                }
            }
            try Self.migrator.migrate(database)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, at: path)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in Schema.steps {
            migrator.registerMigration(step.identifier) { db in try db.execute(sql: step.sqlite) }
        }
        return migrator
    }

    private static func storeError(_ error: any Error, at path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_FULL: return StoreError.diskFull(location: path)
        case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_READONLY, .SQLITE_IOERR:
            return StoreError.unreachable(location: path, reason: error.message ?? "\(error.resultCode)")
        default: return error
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await database.read(body) } catch { throw Self.storeError(error, at: path) }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await database.write(body) } catch { throw Self.storeError(error, at: path) }
    }

    private static func audit(_ db: Database, _ actor: String, _ action: String, _ subject: String) throws {
        try AuditEntry(actor: actor, action: action, subject: subject).insert(db)
    }

    private static func galleryChanged(_ db: Database) throws {
        try db.execute(sql: "UPDATE gallery_generation SET generation = generation + 1 WHERE id = 1")
    }

    // MARK: Sites and doors

    public func sites() async throws -> [Site] {
        try await read { db in try Site.order(Column("created_at"), Column("name")).fetchAll(db) }
    }

    public func save(_ site: Site, by actor: String) async throws {
        try await write { db in
            let existed = try Site.exists(db, key: site.id.uuidString)
            try site.save(db)
            try Self.audit(db, actor, existed ? "site updated" : "site added", AuditSubject.site(site.id))
            // The site's threshold and enrolment strategy shape its gallery.
            try Self.galleryChanged(db)
        }
    }

    public func doors(ofSite siteID: UUID?) async throws -> [Door] {
        try await read { db in
            var request = Door.order(Column("created_at"), Column("name"))
            if let siteID { request = request.filter(Column("site_id") == siteID.uuidString) }
            return try request.fetchAll(db)
        }
    }

    public func save(_ door: Door, by actor: String) async throws {
        try await write { db in
            let existed = try Door.exists(db, key: door.id.uuidString)
            try door.save(db)
            try Self.audit(db, actor, existed ? "door updated" : "door added", AuditSubject.door(door.id))
        }
    }

    // MARK: Members and samples

    public func members() async throws -> [Member] {
        try await read { db in try Member.order(Column("name"), Column("created_at")).fetchAll(db) }
    }

    public func member(id: UUID) async throws -> Member? {
        try await read { db in try Member.fetchOne(db, key: id.uuidString) }
    }

    public func members(named name: String) async throws -> [Member] {
        try await read { db in
            try Member.filter(Column("name") == name || Column("external_id") == name)
                .order(Column("created_at")).fetchAll(db)
        }
    }

    public func enrol(_ member: Member, samples: [FaceSample], by actor: String) async throws {
        try await write { db in
            let existed = try Member.exists(db, key: member.id.uuidString)
            try member.save(db)
            for sample in samples {
                precondition(sample.memberID == member.id, "a sample enrolled with another member")
                try sample.insert(db)
            }
            try Self.audit(db, actor, existed ? "samples added (\(samples.count))" : "member enrolled (\(samples.count) samples)",
                           AuditSubject.member(member.id))
            try Self.galleryChanged(db)
        }
    }

    public func update(_ member: Member, by actor: String) async throws -> Bool {
        try await write { db in
            guard try Member.exists(db, key: member.id.uuidString) else { return false }
            var changed = member
            changed.updatedAt = Date()
            try changed.update(db)
            try Self.audit(db, actor, "member updated", AuditSubject.member(member.id))
            try Self.galleryChanged(db)
            return true
        }
    }

    public func removeMember(id: UUID, by actor: String) async throws -> Bool {
        let removed = try await write { db -> Bool in
            // Samples and unknown-visitor links go by cascade, events and visits lose the
            // member by SET NULL; spelled out so the intent does not hang on the schema alone.
            try db.execute(sql: "DELETE FROM face_sample WHERE member_id = ?", arguments: [id.uuidString])
            try db.execute(sql: "DELETE FROM unknown_visitor WHERE member_id = ?", arguments: [id.uuidString])
            try db.execute(sql: "UPDATE event SET member_id = NULL WHERE member_id = ?", arguments: [id.uuidString])
            try db.execute(sql: "UPDATE visit SET member_id = NULL WHERE member_id = ?", arguments: [id.uuidString])
            guard try Member.deleteOne(db, key: id.uuidString) else { return false }
            try Self.audit(db, actor, "member removed", AuditSubject.member(id))
            try Self.galleryChanged(db)
            return true
        }
        if removed { try await forgetDeletedPages() }
        return removed
    }

    /// Moves every change from the write-ahead log into the database file (where secure_delete
    /// has zeroed the deleted rows) and empties the log, whose older frames still hold them.
    private func forgetDeletedPages() async throws {
        do {
            try await database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch { throw Self.storeError(error, at: path) }
    }

    public func samples(ofMember memberID: UUID) async throws -> [FaceSample] {
        try await read { db in
            try FaceSample.filter(Column("member_id") == memberID.uuidString).order(Column("created_at")).fetchAll(db)
        }
    }

    public func sample(id: UUID) async throws -> FaceSample? {
        try await read { db in try FaceSample.fetchOne(db, key: id.uuidString) }
    }

    public func removeSample(id: UUID, by actor: String) async throws -> Bool {
        let removed = try await write { db -> Bool in
            guard let sample = try FaceSample.fetchOne(db, key: id.uuidString) else { return false }
            try sample.delete(db)
            try Self.audit(db, actor, "sample removed", AuditSubject.member(sample.memberID))
            try Self.galleryChanged(db)
            return true
        }
        if removed { try await forgetDeletedPages() }
        return removed
    }

    public func gallerySamples(embedding: String) async throws -> [GallerySample] {
        try await read { db in
            let members = try Dictionary(uniqueKeysWithValues: Member.fetchAll(db).map { ($0.id.uuidString, $0) })
            let rows = try Row.fetchCursor(db, sql: "SELECT id, member_id, descriptor FROM face_sample WHERE embedding = ?",
                                           arguments: [embedding])
            var samples = [GallerySample]()
            while let row = try rows.next() {
                guard let member = members[row["member_id"]] else { continue }
                samples.append(try GallerySample(sampleID: UUID(storedForm: row["id"]), member: member,
                                                 descriptor: DescriptorBlob.descriptor(row["descriptor"])))
            }
            return samples
        }
    }

    public func removeExpiredPhotos(now: Date) async throws -> Int {
        let count = try await write { db -> Int in
            try db.execute(sql: "UPDATE face_sample SET photo = NULL, photo_expires_at = NULL WHERE photo IS NOT NULL AND photo_expires_at <= ?",
                           arguments: [now])
            return db.changesCount
        }
        if count > 0 { try await forgetDeletedPages() }
        return count
    }

    // MARK: Footfall

    public func record(_ event: Event) async throws {
        try await write { db in try event.insert(db) }
    }

    public func events(from: Date, to: Date, site siteID: UUID?) async throws -> [Event] {
        try await read { db in
            var sql = "SELECT event.* FROM event"
            var arguments: StatementArguments = []
            if let siteID {
                sql += " JOIN door ON door.id = event.door_id WHERE door.site_id = ? AND"
                arguments += [siteID.uuidString]
            } else {
                sql += " WHERE"
            }
            sql += " event.at >= ? AND event.at < ? ORDER BY event.at"
            arguments += [from, to]
            return try Event.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    public func save(_ visit: Visit) async throws {
        try await write { db in try visit.save(db) }
    }

    public func visits(from: Date, to: Date, site siteID: UUID?) async throws -> [Visit] {
        try await read { db in
            var request = Visit.filter(Column("entered_at") >= from && Column("entered_at") < to)
            if let siteID { request = request.filter(Column("site_id") == siteID.uuidString) }
            return try request.order(Column("entered_at")).fetchAll(db)
        }
    }

    // MARK: Unknown visitors

    public func unknownVisitors() async throws -> [UnknownVisitor] {
        try await read { db in try UnknownVisitor.order(Column("last_seen").desc).fetchAll(db) }
    }

    public func save(_ visitor: UnknownVisitor) async throws {
        try await write { db in try visitor.save(db) }
    }

    public func removeUnknownVisitor(id: UUID, by actor: String) async throws -> Bool {
        let removed = try await write { db -> Bool in
            guard try UnknownVisitor.deleteOne(db, key: id.uuidString) else { return false }
            try Self.audit(db, actor, "unknown visitor removed", AuditSubject.unknownVisitor(id))
            return true
        }
        if removed { try await forgetDeletedPages() }
        return removed
    }

    // MARK: Keys, users, audit

    public func apiKeys() async throws -> [APIKey] {
        try await read { db in try APIKey.order(Column("created_at")).fetchAll(db) }
    }

    public func apiKey(secretHash: String) async throws -> APIKey? {
        try await read { db in try APIKey.filter(Column("secret_hash") == secretHash).fetchOne(db) }
    }

    public func save(_ key: APIKey, by actor: String) async throws {
        try await write { db in
            let existed = try APIKey.exists(db, key: key.id.uuidString)
            try key.save(db)
            try Self.audit(db, actor, existed ? "API key updated" : "API key added", AuditSubject.apiKey(key.id))
        }
    }

    public func removeAPIKey(id: UUID, by actor: String) async throws -> Bool {
        try await write { db in
            guard try APIKey.deleteOne(db, key: id.uuidString) else { return false }
            try Self.audit(db, actor, "API key removed", AuditSubject.apiKey(id))
            return true
        }
    }

    public func users() async throws -> [User] {
        try await read { db in try User.order(Column("name")).fetchAll(db) }
    }

    public func user(named name: String) async throws -> User? {
        try await read { db in try User.filter(Column("name") == name).fetchOne(db) }
    }

    public func save(_ user: User, by actor: String) async throws {
        try await write { db in
            let existed = try User.exists(db, key: user.id.uuidString)
            try user.save(db)
            try Self.audit(db, actor, existed ? "user updated" : "user added", AuditSubject.user(user.id))
        }
    }

    public func removeUser(id: UUID, by actor: String) async throws -> Bool {
        try await write { db in
            guard try User.deleteOne(db, key: id.uuidString) else { return false }
            try Self.audit(db, actor, "user removed", AuditSubject.user(id))
            return true
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await read { db in try AuditEntry.order(Column("at").desc).limit(limit).fetchAll(db) }
    }

    // MARK: Changes

    public func galleryGeneration() async throws -> Int64 {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT generation FROM gallery_generation") ?? 0 }
    }

    /// Other processes may write the same file (`footfall members add` while `serve` runs), and
    /// SQLite tells no one: the generation is polled, a one-row read every `generationPoll`.
    public func galleryChanges(after generation: Int64) -> AsyncStream<Int64> {
        AsyncStream { continuation in
            let task = Task { [weak self, generationPoll] in
                var last = generation
                while !Task.isCancelled {
                    guard let self else { break }
                    if let now = try? await self.galleryGeneration(), now != last {
                        last = now
                        continuation.yield(now)
                    }
                    try? await Task.sleep(for: generationPoll)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func close() async throws {
        try database.close()
    }

    /// `PRAGMA integrity_check`'s answer: `["ok"]` for a sound file.
    public func integrityCheck() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
