import Faces
import Foundation
import FootfallCore
import Testing
import TestSupport

/// What only the shared database does: several nodes on one database, its migrations, its errors.
/// The server is the test process's own (``PostgresServer``); the common behaviour of every store
/// is in ``StoreSuiteTests``.
@Suite struct PostgresStoreTests {
    /// A new database and two stores on it, as two Footfall nodes would open it.
    static func withTwoNodes(_ body: (PostgresStore, PostgresStore) async throws -> Void) async throws {
        let server = try PostgresServer.shared()
        let url = try server.createDatabase()
        let a = try await PostgresStore.connect(url: url)
        let b: PostgresStore
        do { b = try await PostgresStore.connect(url: url) } catch {
            try? await a.close()
            try? server.dropDatabase(url)
            throw error
        }
        do {
            try await body(a, b)
        } catch {
            try? await a.close(); try? await b.close(); try? server.dropDatabase(url)
            throw error
        }
        try await a.close(); try await b.close(); try server.dropDatabase(url)
    }

    static func isMember(_ answer: MemberGallery.Answer, _ member: Member) -> Bool {
        if case let .member(found, _) = answer { return found.id == member.id }
        return false
    }

    /// Enrolled on node A, recognised by node B's live gallery within a second. Measured on this
    /// 2-core machine (release build, loopback server): the notification reaches B about 1–3 ms
    /// after A's commit, and B's gallery, rebuilt from the store, recognises the member about
    /// 3–10 ms after the commit; the figures are printed by the test.
    @Test func memberEnrolledOnOneNodeIsRecognisedOnTheOther() async throws {
        try await Self.withTwoNodes { a, b in
            let site = try Site(name: "Shared gym", timeZone: "UTC", matchThreshold: 0.5)
            try await a.save(site, by: "test")
            let live = try await LiveGallery(store: b, site: site, embedding: "test-embedding")
            let following = Task { await live.follow() }
            defer { following.cancel() }
            // Let B's LISTEN take effect before the first enrolment is timed.
            try await Task.sleep(for: .milliseconds(200))

            var notified = [Duration](), recognised = [Duration]()
            for round in 0..<5 {
                let member = try Member(name: "Node member \(round)")
                let descriptor = StoreSuiteTests.descriptor(100 + round)
                let before = try await b.galleryGeneration()
                let changes = b.galleryChanges(after: before)
                try await Task.sleep(for: .milliseconds(100))   // the stream's LISTEN in place
                let heard = Task { () -> ContinuousClock.Instant? in
                    for await _ in changes { return .now }
                    return nil
                }
                let sample = FaceSample(memberID: member.id, descriptor: descriptor, embedding: "test-embedding",
                                        quality: StoreSuiteTests.quality, source: .photo)
                try await a.enrol(member, samples: [sample], by: "node-a")
                let committed = ContinuousClock.now
                var seen: ContinuousClock.Instant?
                while ContinuousClock.now - committed < .seconds(1) {
                    if Self.isMember(await live.current.recognise(descriptor), member) { seen = .now; break }
                    try await Task.sleep(for: .milliseconds(1))
                }
                let heardAt = await heard.value
                let recognisedAt = try #require(seen, "node B did not recognise member \(round) within 1 s")
                recognised.append(recognisedAt - committed)
                if let heardAt { notified.append(heardAt - committed) }
            }
            print("PostgreSQL two nodes: notified after \(notified.map(Self.milliseconds)), recognised after \(recognised.map(Self.milliseconds))")
            #expect(recognised.allSatisfy { $0 < .seconds(1) })
            #expect(notified.count == 5)

            // A removal on A empties B's gallery as quickly.
            for member in try await a.members() { try await a.removeMember(id: member.id, by: "node-a") }
            #expect(try await eventually(within: .seconds(1)) { await live.current.referenceCount == 0 })
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", ms)
    }

    @Test func aDatabaseFromANewerFootfallIsRefusedByName() async throws {
        let server = try PostgresServer.shared()
        let url = try server.createDatabase()
        defer { try? server.dropDatabase(url) }
        try await PostgresStore.connect(url: url).close()
        let database = String(url.path.dropFirst())
        let steps = try server.psql("SELECT count(*) FROM footfall_migrations", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(steps != "0")
        try server.psql("INSERT INTO footfall_migrations (identifier) VALUES ('v99 from the future')", database: database)
        await #expect(throws: StoreError.newerDatabase(location: url.absoluteString, unknownMigrations: ["v99 from the future"])) {
            try await PostgresStore.connect(url: url).close()
        }
        // Refused before anything was changed.
        #expect(try server.psql("SELECT count(*) FROM footfall_migrations", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "\(Int(steps)! + 1)")
    }

    @Test func nodesStartingTogetherOnANewDatabaseBothSucceed() async throws {
        let server = try PostgresServer.shared()
        let appliedQuery = "SELECT string_agg(identifier, '|' ORDER BY identifier) FROM footfall_migrations"
        // What one node alone applies, to compare the racing nodes' work with.
        let reference = try server.createDatabase()
        defer { try? server.dropDatabase(reference) }
        try await PostgresStore.connect(url: reference).close()
        let expected = try server.psql(appliedQuery, database: String(reference.path.dropFirst()))
        for _ in 0..<3 {
            let url = try server.createDatabase()
            defer { try? server.dropDatabase(url) }
            async let first = PostgresStore.connect(url: url)
            async let second = PostgresStore.connect(url: url)
            async let third = PostgresStore.connect(url: url)
            let stores = try await [first, second, third]
            let database = String(url.path.dropFirst())
            #expect(try server.psql(appliedQuery, database: database) == expected)
            #expect(try await stores[0].galleryGeneration() == 0)
            for store in stores { try await store.close() }
        }
    }

    @Test func descriptorsAreLittleEndianFloat32Bytea() async throws {
        let server = try PostgresServer.shared()
        let url = try server.createDatabase()
        defer { try? server.dropDatabase(url) }
        let store = try await PostgresStore.connect(url: url)
        let member = try Member(name: "Bytes")
        let descriptor = FaceDescriptor([1, -2, 0.5] + Array(repeating: 0, count: 125))
        try await store.enrol(member, samples: [FaceSample(memberID: member.id, descriptor: descriptor, embedding: "e",
                                                           quality: StoreSuiteTests.quality, source: .photo)], by: "test")
        try await store.close()
        let hex = try server.psql("SELECT encode(substring(descriptor from 1 for 12), 'hex') FROM face_sample",
                                  database: String(url.path.dropFirst())).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hex == "0000803f000000c00000003f")
    }

    @Test func anUnreachableServerIsNamedWithoutItsPassword() async throws {
        // Port 1 on loopback: nothing listens there.
        let url = URL(string: "postgres://footfall:s3cret@127.0.0.1:1/nothing")!
        do {
            try await PostgresStore.connect(url: url).close()
            Issue.record("connected to a closed port")
        } catch let StoreError.unreachable(location, reason) {
            #expect(location == "postgres://footfall:***@127.0.0.1:1/nothing")
            #expect(!reason.isEmpty)
            #expect(!"\(StoreError.unreachable(location: location, reason: reason))".contains("s3cret"))
        }
    }

    @Test func aMissingDatabaseIsUnreachableSayingWhy() async throws {
        let server = try PostgresServer.shared()
        do {
            try await PostgresStore.connect(url: server.url(database: "no_such_database")).close()
            Issue.record("connected to a database that does not exist")
        } catch let StoreError.unreachable(_, reason) {
            #expect(reason.contains("no_such_database"))
        }
    }
}
