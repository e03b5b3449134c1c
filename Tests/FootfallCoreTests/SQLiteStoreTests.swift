import Faces
import Foundation
import FootfallCore
import GRDB
import Testing

/// What only the SQLite file can show: bytes on disk, schema versions, a full disk.
@Suite struct SQLiteStoreTests {
    static func bytes(of folder: String) throws -> Data {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted().reduce(into: Data()) { all, name in
            all.append(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
    }

    @Test func deletedMemberLeavesNoNameOrDescriptorInTheFileOrItsLog() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.path + "/footfall.sqlite")
        let name = "Quentin Zybrowski-Unique"
        let member = try Member(name: name, externalID: "EXT-99173")
        let sample = StoreSuiteTests.sample(of: member, seed: 42)
        let keeper = try Member(name: "Kept Person")
        try await store.enrol(keeper, samples: [StoreSuiteTests.sample(of: keeper, seed: 43)], by: "test")
        try await store.enrol(member, samples: [sample], by: "test")
        let descriptorBytes = DescriptorBlob.data(sample.descriptor)

        let before = try Self.bytes(of: folder.path)
        #expect(before.range(of: Data(name.utf8)) != nil, "the name is stored before deletion (else the search proves nothing)")
        #expect(before.range(of: descriptorBytes) != nil)

        try await store.removeMember(id: member.id, by: "test")
        let after = try Self.bytes(of: folder.path)
        #expect(after.range(of: Data(name.utf8)) == nil)
        #expect(after.range(of: Data("EXT-99173".utf8)) == nil)
        #expect(after.range(of: descriptorBytes) == nil)
        // The other member is untouched.
        #expect(try await store.samples(ofMember: keeper.id).count == 1)
        #expect(try await store.integrityCheck() == ["ok"])
        try await store.close()
        let closed = try Self.bytes(of: folder.path)
        #expect(closed.range(of: Data(name.utf8)) == nil && closed.range(of: descriptorBytes) == nil)
    }

    @Test func aDatabaseFromANewerFootfallIsRefusedByName() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/footfall.sqlite"
        try await SQLiteStore(path: path).close()
        // What a later version's first schema step would leave behind.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')")
        }
        try queue.close()
        #expect(throws: StoreError.newerDatabase(location: path, unknownMigrations: ["v9 from the future"])) {
            try SQLiteStore(path: path)
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/footfall.sqlite"
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            try SQLiteStore(path: path)
        } throws: { error in
            guard case let StoreError.unreachable(location, _) = error else { return false }
            return location == path
        }
    }

    /// A real full disk: a 1 MiB tmpfs. Mounting needs root, as CI runs; elsewhere the test
    /// fails with the reason rather than pass without trying.
    @Test func aFullDiskGivesAClearErrorAndKeepsWhatWasStored() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let mount = try Mount.tmpfs(at: folder.path, bytes: 1 << 20)
        defer { mount.unmount() }

        let store = try SQLiteStore(path: folder.path + "/footfall.sqlite")
        let first = try Member(name: "First")
        try await store.enrol(first, samples: [StoreSuiteTests.sample(of: first, seed: 1)], by: "test")

        // Photos are the bulk a site may store; keep enrolling until the disk is full.
        var full: (any Error)?
        for index in 0..<100 {
            let member = try Member(name: "Filler \(index)")
            let photo = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) })
            do {
                try await store.enrol(member, samples: [StoreSuiteTests.sample(of: member, seed: index + 2, photo: photo)], by: "test")
            } catch {
                full = error
                break
            }
        }
        let error = try #require(full, "1 MiB held 100 photos of 100 kB")
        #expect(error as? StoreError == .diskFull(location: folder.path + "/footfall.sqlite"), "\(error)")
        #expect("\(error)".contains("full"))
        #expect(try await store.samples(ofMember: first.id).count == 1)
        #expect(try await store.integrityCheck() == ["ok"])
        try await store.close()
    }
}

/// A tmpfs mounted for one test.
struct Mount {
    let path: String

    static func tmpfs(at path: String, bytes: Int) throws -> Mount {
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            throw MountError(description: "mount -t tmpfs failed (status \(mount.terminationStatus)): this test needs root")
        }
        return Mount(path: path)
    }

    func unmount() {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [path]
        try? umount.run()
        umount.waitUntilExit()
    }
}

struct MountError: Error, CustomStringConvertible {
    let description: String
}
