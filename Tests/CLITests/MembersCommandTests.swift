import Foundation
import Testing
import TestSupport

/// `footfall members …` end to end on a data folder of its own.
@Suite struct MembersCommandTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-members-\(UUID().uuidString)").path
        return path
    }

    struct Answer: Decodable { var path: String; var name: String?; var access: String }

    /// The five celeb5 people enrolled from their train photos (the gates refuse the small,
    /// turned and two-face ones), then every val photo identified against the store.
    /// Measured: 24 of 24 named correctly; the bound allows one miss.
    @Test func enrolCeleb5AndNameTheValidationPhotos() throws {
        let data = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let train = Fixtures.data("identities/celeb5/train")
        for person in try FileManager.default.contentsOfDirectory(atPath: train).sorted() {
            let result = try FootfallProcess.run(["members", "add", person, train + "/" + person, "--data", data])
            // Some photos are refused (status 1), each with its reason; the member is enrolled.
            #expect(result.lines.first?.hasPrefix("\(person): ") == true, "\(result.standardOutput)\(result.standardError)")
            #expect(result.lines.contains { $0.hasSuffix(": accepted") })
            #expect(result.lines.filter { $0.contains(": refused: ") }.allSatisfy {
                $0.contains("too small") || $0.contains("turned") || $0.contains("blurred") || $0.contains("prominent")
            })
        }
        let list = try FootfallProcess.run(["members", "list", "--data", data])
        #expect(list.status == 0 && list.lines.count == 5, "\(list.standardOutput)")

        let result = try FootfallProcess.run(["members", "identify", Fixtures.data("identities/celeb5/val"),
                                              "--face", "subject", "--data", data, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let answers = try result.decoded([Answer].self)
        let correct = answers.filter { $0.name == URL(fileURLWithPath: $0.path).deletingLastPathComponent().lastPathComponent }
        #expect(answers.count == 24)
        #expect(correct.count >= 23, "named \(correct.count) of \(answers.count)")
        #expect(correct.allSatisfy { $0.access == "allowed" })
    }

    @Test func suspendedMembersAreRecognisedButRefusedAndRemovedOnesForgotten() throws {
        let data = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let photos = Fixtures.data("identities/celeb5/train/madonna")
        let added = try FootfallProcess.run(["members", "add", "Madonna", photos, "--data", data, "--external-id", "M-7"])
        #expect(added.lines.first?.hasPrefix("Madonna: ") == true, "\(added.standardError)")
        let set = try FootfallProcess.run(["members", "set", "M-7", "--status", "suspended", "--data", data])
        #expect(set.status == 0 && set.standardOutput.contains("suspended"), "\(set.standardError)")

        let val = Fixtures.data("identities/celeb5/val/madonna")
        let seen = try FootfallProcess.run(["members", "identify", val, "--face", "subject", "--data", data, "--format", "json"])
        let answers = try seen.decoded([Answer].self)
        #expect(!answers.isEmpty && answers.allSatisfy { $0.name == "Madonna" && $0.access == "refused: membership suspended" })

        let show = try FootfallProcess.run(["members", "show", "Madonna", "--data", data])
        #expect(show.status == 0 && show.standardOutput.contains("sharpness"))
        let removed = try FootfallProcess.run(["members", "remove", "Madonna", "--data", data])
        #expect(removed.status == 0 && removed.standardOutput.hasPrefix("removed Madonna"))
        let after = try FootfallProcess.run(["members", "identify", val, "--face", "subject", "--data", data, "--format", "json"])
        #expect(try after.decoded([Answer].self).allSatisfy { $0.name == nil && $0.access == "unknown" })
        let missing = try FootfallProcess.run(["members", "show", "Madonna", "--data", data])
        #expect(missing.status != 0 && missing.standardError.contains("no member \"Madonna\""))
    }

    @Test func refusalsSayWhy() throws {
        let data = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: data) }
        // Two people side by side, and a 240p photo whose face is under 80 px.
        let result = try FootfallProcess.run(["members", "add", "Nobody", Fixtures.data("scenes/two_people.jpg"),
                                              Fixtures.data("scenes/obama-240p.jpg"), "--data", data])
        #expect(result.status != 0)
        #expect(result.standardError.contains("was not enrolled"), "\(result.standardOutput)\(result.standardError)")
        let list = try FootfallProcess.run(["members", "list", "--data", data])
        #expect(list.standardOutput.contains("no members"))
    }

    /// The same commands on a PostgreSQL database (`--database`), which the tests' own
    /// throw-away server provides: what one command enrols, the next one finds.
    @Test func membersOnAPostgreSQLDatabase() throws {
        let server = try PostgresServer.shared()
        let url = try server.createDatabase()
        defer { try? server.dropDatabase(url) }
        let photos = Fixtures.data("identities/celeb5/train/elton_john")
        let added = try FootfallProcess.run(["members", "add", "Elton John", photos, "--database", url.absoluteString])
        #expect(added.lines.first?.hasPrefix("Elton John: ") == true, "\(added.standardOutput)\(added.standardError)")
        let list = try FootfallProcess.run(["members", "list", "--database", url.absoluteString, "--format", "csv"])
        #expect(list.status == 0 && list.lines.count == 2 && list.lines[1].contains("Elton John"), "\(list.standardError)")
        let seen = try FootfallProcess.run(["members", "identify", Fixtures.data("identities/celeb5/val/elton_john"),
                                            "--face", "subject", "--database", url.absoluteString, "--format", "json"])
        let answers = try seen.decoded([Answer].self)
        #expect(!answers.isEmpty && answers.allSatisfy { $0.name == "Elton John" }, "\(seen.standardOutput)")
        let sites = try FootfallProcess.run(["sites", "list", "--database", url.absoluteString])
        #expect(sites.standardOutput.contains("Main site") && sites.standardOutput.contains("door Entrance"))
    }
}
