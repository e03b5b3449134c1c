import Faces
import Foundation
import PostgresNIO

/// The shared store: one PostgreSQL database for several sites or several Footfall nodes.
///
/// Every method mirrors ``SQLiteStore`` (the same audit entries, the same gallery generation
/// steps, the same deletes on removal); each write is one transaction. A transaction that moves
/// the gallery generation also notifies the `footfall_gallery` channel, so every node's
/// ``galleryChanges(after:)`` hears of it as soon as it commits.
///
///     let store = try await PostgresStore.connect(url: URL(string: "postgres://footfall@db.example/gym")!)
public final class PostgresStore: Store {
    /// The database's URL without its password, for messages.
    public let location: String
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger
    private let listeners = ListenerTasks()

    /// The channel gallery changes are announced on; the payload is the new generation.
    static let galleryChannel = "footfall_gallery"

    private init(location: String, client: PostgresClient, running: Task<Void, Never>, logger: Logger) {
        self.location = location
        self.client = client
        self.running = running
        self.logger = logger
    }

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`), brings
    /// its schema up to date and starts the connection pool.
    ///
    /// TLS is off for a loopback host or `?sslmode=disable`; `sslmode=require` insists on it
    /// (`verify-ca` / `verify-full` also check the certificate); otherwise it is used when the
    /// server offers it. The user defaults to `$USER` and the database to the user's name, as
    /// in `psql`.
    public static func connect(url: URL, maximumConnections: Int = 10,
                               connectTimeout: Duration = .seconds(10)) async throws -> PostgresStore {
        let location = StoreLocation.withoutPassword(url)
        let target = try Target(url: url)
        var logger = Logger(label: "footfall.postgres")
        logger.logLevel = .critical

        // One connection of our own first: its failure says why (refused, no such database, wrong
        // password), where a pool would only keep retrying; it also runs the migrations.
        do {
            var configuration = PostgresConnection.Configuration(
                host: target.host, port: target.port, username: target.user, password: target.password,
                database: target.database, tls: try target.connectionTLS())
            configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000
                + connectTimeout.components.attoseconds / 1_000_000_000)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                try await PostgresMigrations.migrate(connection, location: location, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, location: location)
        }

        var configuration = PostgresClient.Configuration(
            host: target.host, port: target.port, username: target.user, password: target.password,
            database: target.database, tls: target.clientTLS)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        let client = PostgresClient(configuration: configuration)
        let running = Task { await client.run() }
        return PostgresStore(location: location, client: client, running: running, logger: logger)
    }

    /// Where to connect, from a postgres:// URL.
    private struct Target {
        var host: String
        var port: Int
        var user: String
        var password: String?
        var database: String
        var sslMode: String

        init(url: URL) throws {
            guard let parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
                  ["postgres", "postgresql"].contains(parts.scheme ?? ""), let host = parts.host, !host.isEmpty
            else { throw StoreError.invalidLocation(StoreLocation.withoutPassword(url)) }
            self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            port = parts.port ?? 5432
            user = parts.user.flatMap { $0.isEmpty ? nil : $0 }
                ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
            password = parts.password
            let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
            database = path.isEmpty ? user : path
            let query = parts.queryItems ?? []
            sslMode = query.last { $0.name == "sslmode" }?.value ?? (Self.isLoopback(self.host) ? "disable" : "prefer")
            guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
                throw StoreError.invalidLocation(StoreLocation.withoutPassword(url))
            }
        }

        static func isLoopback(_ host: String) -> Bool {
            host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }

        /// libpq's meaning: `prefer` and `require` do not check the certificate, the verify modes do.
        var tlsConfiguration: TLSConfiguration? {
            var tls = TLSConfiguration.makeClientConfiguration()
            switch sslMode {
            case "disable": return nil
            case "verify-full": tls.certificateVerification = .fullVerification
            case "verify-ca": tls.certificateVerification = .noHostnameVerification
            default: tls.certificateVerification = .none
            }
            return tls
        }

        var enforcesTLS: Bool { ["require", "verify-ca", "verify-full"].contains(sslMode) }

        var clientTLS: PostgresClient.Configuration.TLS {
            guard let tls = tlsConfiguration else { return .disable }
            return enforcesTLS ? .require(tls) : .prefer(tls)
        }

        func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
            guard let tls = tlsConfiguration else { return .disable }
            let context = try NIOSSLContext(configuration: tls)
            return enforcesTLS ? .require(context) : .prefer(context)
        }
    }

    // MARK: Errors

    /// A full disk and a lost server as ``StoreError``s; other errors (a constraint refused, say)
    /// as they come.
    static func storeError(_ error: any Error, location: String) -> any Error {
        if error is StoreError { return error }
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                // 53100 disk_full; class 08 connection exceptions; 57P0x the server shutting down;
                // 28xxx authentication; 3D000 no such database.
                if state == "53100" { return StoreError.diskFull(location: location) }
                if state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("28") || state == "3D000" {
                    return StoreError.unreachable(location: location, reason: reason(error))
                }
                return error
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .sslUnsupported,
                 .failedToAddSSLHandler, .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError,
                 .uncleanShutdown:
                return StoreError.unreachable(location: location, reason: reason(error))
            default:
                return error
            }
        }
        if error is IOError || error is ChannelError || error is NIOConnectionError {
            return StoreError.unreachable(location: location, reason: "\(error)")
        }
        return error
    }

    /// What the server or the socket said, without the query or its values.
    private static func reason(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying {
            if let nested = underlying as? NIOConnectionError, let first = nested.connectionErrors.first {
                return "\(first.error)"
            }
            return "\(underlying)"
        }
        switch error.code {
        case .sslUnsupported: return "the server does not offer TLS (add ?sslmode=disable to use it without)"
        case .authMechanismRequiresPassword: return "the server asks for a password: give it in the URL"
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        case .poolClosed, .clientClosedConnection: return "the store is closed"
        default: return "\(error.code)"
        }
    }

    // MARK: Connections and transactions

    private func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw Self.storeError(error, location: location)
        }
    }

    /// One transaction: committed when `body` returns, rolled back when it throws.
    private func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let logger = logger
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                let value: T
                do {
                    value = try await body(connection)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
                try await connection.query("COMMIT", logger: logger)
                return value
            }
        } catch {
            throw Self.storeError(error, location: location)
        }
    }

    private func rows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    private func run(_ connection: PostgresConnection, _ query: PostgresQuery) async throws {
        try await connection.query(query, logger: logger)
    }

    private func exists(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> Bool {
        try await !rows(connection, query).isEmpty
    }

    private func audit(_ connection: PostgresConnection, _ actor: String, _ action: String, _ subject: String) async throws {
        try await run(connection, AuditEntry(actor: actor, action: action, subject: subject).postgresInsert)
    }

    /// Moves the generation on and tells every listening node, both taking effect on commit.
    private func galleryChanged(_ connection: PostgresConnection) async throws {
        try await run(connection, """
            WITH moved AS (UPDATE gallery_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation)
            SELECT pg_notify(\(Self.galleryChannel), generation::text) FROM moved
            """)
    }

    // MARK: Sites and doors

    public func sites() async throws -> [Site] {
        try await read { c in try Site.all(await rows(c, "SELECT * FROM site ORDER BY created_at, name COLLATE \"C\"")) }
    }

    public func save(_ site: Site, by actor: String) async throws {
        try await write { c in
            let existed = try await exists(c, "SELECT 1 FROM site WHERE id = \(site.id.uuidString)")
            try await run(c, site.postgresUpsert)
            try await audit(c, actor, existed ? "site updated" : "site added", AuditSubject.site(site.id))
            // The site's threshold and enrolment strategy shape its gallery.
            try await galleryChanged(c)
        }
    }

    public func doors(ofSite siteID: UUID?) async throws -> [Door] {
        try await read { c in
            if let siteID {
                return try Door.all(await rows(c, """
                    SELECT * FROM door WHERE site_id = \(siteID.uuidString) ORDER BY created_at, name COLLATE "C"
                    """))
            }
            return try Door.all(await rows(c, "SELECT * FROM door ORDER BY created_at, name COLLATE \"C\""))
        }
    }

    public func save(_ door: Door, by actor: String) async throws {
        try await write { c in
            let existed = try await exists(c, "SELECT 1 FROM door WHERE id = \(door.id.uuidString)")
            try await run(c, door.postgresUpsert)
            try await audit(c, actor, existed ? "door updated" : "door added", AuditSubject.door(door.id))
        }
    }

    // MARK: Members and samples

    public func members() async throws -> [Member] {
        try await read { c in try Member.all(await rows(c, "SELECT * FROM member ORDER BY name COLLATE \"C\", created_at")) }
    }

    public func member(id: UUID) async throws -> Member? {
        try await read { c in try Member.all(await rows(c, "SELECT * FROM member WHERE id = \(id.uuidString)")).first }
    }

    public func members(named name: String) async throws -> [Member] {
        try await read { c in
            try Member.all(await rows(c, "SELECT * FROM member WHERE name = \(name) OR external_id = \(name) ORDER BY created_at"))
        }
    }

    public func enrol(_ member: Member, samples: [FaceSample], by actor: String) async throws {
        try await write { c in
            let existed = try await exists(c, "SELECT 1 FROM member WHERE id = \(member.id.uuidString)")
            try await run(c, member.postgresUpsert)
            for sample in samples {
                precondition(sample.memberID == member.id, "a sample enrolled with another member")
                try await run(c, sample.postgresInsert)
            }
            try await audit(c, actor, existed ? "samples added (\(samples.count))" : "member enrolled (\(samples.count) samples)",
                            AuditSubject.member(member.id))
            try await galleryChanged(c)
        }
    }

    @discardableResult
    public func update(_ member: Member, by actor: String) async throws -> Bool {
        try await write { c in
            var changed = member
            changed.updatedAt = Date()
            guard try await exists(c, changed.postgresUpdate) else { return false }
            try await audit(c, actor, "member updated", AuditSubject.member(member.id))
            try await galleryChanged(c)
            return true
        }
    }

    @discardableResult
    public func removeMember(id: UUID, by actor: String) async throws -> Bool {
        try await write { c in
            // Samples and unknown-visitor links would go by cascade, events and visits lose the
            // member by SET NULL; spelled out so the intent does not hang on the schema alone.
            try await run(c, "DELETE FROM face_sample WHERE member_id = \(id.uuidString)")
            try await run(c, "DELETE FROM unknown_visitor WHERE member_id = \(id.uuidString)")
            try await run(c, "UPDATE event SET member_id = NULL WHERE member_id = \(id.uuidString)")
            try await run(c, "UPDATE visit SET member_id = NULL WHERE member_id = \(id.uuidString)")
            guard try await exists(c, "DELETE FROM member WHERE id = \(id.uuidString) RETURNING id") else { return false }
            try await audit(c, actor, "member removed", AuditSubject.member(id))
            try await galleryChanged(c)
            return true
        }
    }

    public func samples(ofMember memberID: UUID) async throws -> [FaceSample] {
        try await read { c in
            try FaceSample.all(await rows(c, "SELECT * FROM face_sample WHERE member_id = \(memberID.uuidString) ORDER BY created_at"))
        }
    }

    public func sample(id: UUID) async throws -> FaceSample? {
        try await read { c in try FaceSample.all(await rows(c, "SELECT * FROM face_sample WHERE id = \(id.uuidString)")).first }
    }

    @discardableResult
    public func removeSample(id: UUID, by actor: String) async throws -> Bool {
        try await write { c in
            let removed = try await rows(c, "DELETE FROM face_sample WHERE id = \(id.uuidString) RETURNING member_id")
            guard let row = removed.first else { return false }
            try await audit(c, actor, "sample removed", AuditSubject.member(PostgresRecord(row).id("member_id")))
            try await galleryChanged(c)
            return true
        }
    }

    public func gallerySamples(embedding: String) async throws -> [GallerySample] {
        try await read { c in
            // One snapshot for both reads, so no sample names a member the other read missed.
            try await run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let members = try Dictionary(uniqueKeysWithValues: Member.all(await rows(c, "SELECT * FROM member")).map { ($0.id, $0) })
                let sampleRows = try await rows(c, "SELECT id, member_id, descriptor FROM face_sample WHERE embedding = \(embedding)")
                try await run(c, "COMMIT")
                var samples = [GallerySample]()
                samples.reserveCapacity(sampleRows.count)
                for row in sampleRows {
                    let record = PostgresRecord(row)
                    guard let member = try members[record.id("member_id")] else { continue }
                    samples.append(try GallerySample(sampleID: record.id("id"), member: member,
                                                     descriptor: DescriptorBlob.descriptor(record.data("descriptor"))))
                }
                return samples
            } catch {
                _ = try? await run(c, "ROLLBACK")
                throw error
            }
        }
    }

    public func removeExpiredPhotos(now: Date) async throws -> Int {
        try await write { c in
            try await rows(c, """
                UPDATE face_sample SET photo = NULL, photo_expires_at = NULL
                WHERE photo IS NOT NULL AND photo_expires_at <= \(now.postgres) RETURNING id
                """).count
        }
    }

    // MARK: Footfall

    public func record(_ event: Event) async throws {
        try await write { c in try await run(c, event.postgresInsert) }
    }

    public func events(from: Date, to: Date, site siteID: UUID?) async throws -> [Event] {
        try await read { c in
            if let siteID {
                return try Event.all(await rows(c, """
                    SELECT event.* FROM event JOIN door ON door.id = event.door_id
                    WHERE door.site_id = \(siteID.uuidString) AND event.at >= \(from.postgres) AND event.at < \(to.postgres)
                    ORDER BY event.at
                    """))
            }
            return try Event.all(await rows(c, """
                SELECT * FROM event WHERE at >= \(from.postgres) AND at < \(to.postgres) ORDER BY at
                """))
        }
    }

    public func save(_ visit: Visit) async throws {
        try await write { c in try await run(c, visit.postgresUpsert) }
    }

    public func visits(from: Date, to: Date, site siteID: UUID?) async throws -> [Visit] {
        try await read { c in
            if let siteID {
                return try Visit.all(await rows(c, """
                    SELECT * FROM visit WHERE entered_at >= \(from.postgres) AND entered_at < \(to.postgres)
                    AND site_id = \(siteID.uuidString) ORDER BY entered_at
                    """))
            }
            return try Visit.all(await rows(c, """
                SELECT * FROM visit WHERE entered_at >= \(from.postgres) AND entered_at < \(to.postgres) ORDER BY entered_at
                """))
        }
    }

    // MARK: Unknown visitors

    public func unknownVisitors() async throws -> [UnknownVisitor] {
        try await read { c in try UnknownVisitor.all(await rows(c, "SELECT * FROM unknown_visitor ORDER BY last_seen DESC")) }
    }

    public func save(_ visitor: UnknownVisitor) async throws {
        try await write { c in try await run(c, visitor.postgresUpsert) }
    }

    @discardableResult
    public func removeUnknownVisitor(id: UUID, by actor: String) async throws -> Bool {
        try await write { c in
            guard try await exists(c, "DELETE FROM unknown_visitor WHERE id = \(id.uuidString) RETURNING id") else { return false }
            try await audit(c, actor, "unknown visitor removed", AuditSubject.unknownVisitor(id))
            return true
        }
    }

    // MARK: Keys, users, audit

    public func apiKeys() async throws -> [APIKey] {
        try await read { c in try APIKey.all(await rows(c, "SELECT * FROM api_key ORDER BY created_at")) }
    }

    public func apiKey(secretHash: String) async throws -> APIKey? {
        try await read { c in try APIKey.all(await rows(c, "SELECT * FROM api_key WHERE secret_hash = \(secretHash)")).first }
    }

    public func save(_ key: APIKey, by actor: String) async throws {
        try await write { c in
            let existed = try await exists(c, "SELECT 1 FROM api_key WHERE id = \(key.id.uuidString)")
            try await run(c, key.postgresUpsert)
            try await audit(c, actor, existed ? "API key updated" : "API key added", AuditSubject.apiKey(key.id))
        }
    }

    @discardableResult
    public func removeAPIKey(id: UUID, by actor: String) async throws -> Bool {
        try await write { c in
            guard try await exists(c, "DELETE FROM api_key WHERE id = \(id.uuidString) RETURNING id") else { return false }
            try await audit(c, actor, "API key removed", AuditSubject.apiKey(id))
            return true
        }
    }

    public func users() async throws -> [User] {
        try await read { c in try User.all(await rows(c, "SELECT * FROM app_user ORDER BY name COLLATE \"C\"")) }
    }

    public func user(named name: String) async throws -> User? {
        try await read { c in try User.all(await rows(c, "SELECT * FROM app_user WHERE name = \(name)")).first }
    }

    public func save(_ user: User, by actor: String) async throws {
        try await write { c in
            let existed = try await exists(c, "SELECT 1 FROM app_user WHERE id = \(user.id.uuidString)")
            try await run(c, user.postgresUpsert)
            try await audit(c, actor, existed ? "user updated" : "user added", AuditSubject.user(user.id))
        }
    }

    public func removeUser(id: UUID, by actor: String) async throws -> Bool {
        try await write { c in
            guard try await exists(c, "DELETE FROM app_user WHERE id = \(id.uuidString) RETURNING id") else { return false }
            try await audit(c, actor, "user removed", AuditSubject.user(id))
            return true
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await read { c in try AuditEntry.all(await rows(c, "SELECT * FROM audit ORDER BY at DESC LIMIT \(Int64(limit))")) }
    }

    // MARK: Changes

    public func galleryGeneration() async throws -> Int64 {
        try await read { c in try await generation(c) }
    }

    private func generation(_ connection: PostgresConnection) async throws -> Int64 {
        try await rows(connection, "SELECT generation FROM gallery_generation WHERE id = 1").first
            .map { try PostgresRecord($0).int64("generation") } ?? 0
    }

    /// LISTENs on ``galleryChannel`` on a connection of its own: after subscribing it reads the
    /// generation once (a change made before the LISTEN took effect is not missed), then again
    /// after each notification. A lost connection is re-established and the generation re-read.
    public func galleryChanges(after generation: Int64) -> AsyncStream<Int64> {
        AsyncStream { continuation in
            let task = Task { [client] in
                var last = generation
                func announce(_ now: Int64) {
                    if now != last {
                        last = now
                        continuation.yield(now)
                    }
                }
                while !Task.isCancelled {
                    do {
                        try await client.withConnection { connection in
                            try await connection.listen(on: Self.galleryChannel) { notifications in
                                announce(try await self.generation(connection))
                                for try await _ in notifications {
                                    announce(try await self.generation(connection))
                                }
                            }
                        }
                    } catch {
                        if Task.isCancelled { break }
                    }
                    // The connection was lost (or the pool is closing): try again shortly; the
                    // generation is read again on the new connection, so no change is missed.
                    try? await Task.sleep(for: .milliseconds(500))
                }
                continuation.finish()
            }
            let id = listeners.add(task)
            continuation.onTermination = { [listeners] _ in
                task.cancel()
                listeners.remove(id)
            }
        }
    }

    /// Ends the change streams and the connection pool.
    public func close() async throws {
        for task in listeners.removeAll() {
            task.cancel()
            await task.value
        }
        running.cancel()
        await running.value
    }
}

/// The listening tasks of a store's change streams, ended by ``PostgresStore/close()``.
private final class ListenerTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks = [Int: Task<Void, Never>]()
    private var next = 0

    func add(_ task: Task<Void, Never>) -> Int {
        lock.withLock {
            next += 1
            tasks[next] = task
            return next
        }
    }

    func remove(_ id: Int) {
        _ = lock.withLock { tasks.removeValue(forKey: id) }
    }

    func removeAll() -> [Task<Void, Never>] {
        lock.withLock {
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
    }
}
