import Faces
import Foundation
import FootfallCore
import Testing
import TestSupport

/// `footfall members add` killed with SIGKILL at random moments, again and again: the database
/// must stay sound and hold every member either with all their samples or not at all.
@Suite struct KillDuringEnrolmentTests {
    static let photos = Fixtures.data("identities/celeb5/train/jerry_seinfeld")

    struct Report: Decodable {
        struct Photo: Decodable { var accepted: Bool }
        var photos: [Photo]
    }

    static func enrol(_ name: String, data: String) throws -> Process {
        let process = Process()
        process.executableURL = FootfallProcess.binary
        process.arguments = ["members", "add", name, photos, "--data", data, "--format", "json", "--cpus", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedEnrolmentsLeaveEveryMemberWholeOrAbsent() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // One undisturbed run: how many samples a whole enrolment stores, and how long it takes.
        let started = Date()
        let baseline = try FootfallProcess.run(["members", "add", "Baseline", Self.photos, "--data", folder.path,
                                                "--format", "json", "--cpus", "1"])
        let duration = Date().timeIntervalSince(started)
        let whole = try baseline.decoded(Report.self).photos.filter(\.accepted).count
        #expect(whole > 0)

        var generator = SeededGenerator(seed: 50)
        let attempts = 60
        for attempt in 0..<attempts {
            let process = try Self.enrol("Killed \(attempt)", data: folder.path)
            // Anywhere from start-up to the end of a whole run, the commit included.
            try await Task.sleep(for: .seconds(Double.random(in: 0...(duration * 1.1), using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        let store = try SQLiteStore(path: folder.path + "/" + StoreLocation.databaseFileName)
        #expect(try await store.integrityCheck() == ["ok"])
        var enrolled = 0
        for member in try await store.members() {
            let samples = try await store.samples(ofMember: member.id).count
            #expect(samples == whole, "\(member.name) has \(samples) of \(whole) samples")
            enrolled += member.name.hasPrefix("Killed") ? 1 : 0
        }
        // Both outcomes happened, or the kills proved nothing.
        #expect(enrolled > 0 && enrolled < attempts, "\(enrolled) of \(attempts) killed enrolments completed")
        try await store.close()
    }
}
