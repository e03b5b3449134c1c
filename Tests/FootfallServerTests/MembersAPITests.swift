import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Footfall's own member and unknown-visitor endpoints, and the correction loop they make with
/// the kiosk: an unknown face, named by staff, is welcomed at its next visit.
@Suite struct MembersAPITests {
    @Test func membersAreAddedChangedGivenPhotosAndDeleted() async throws {
        try await ServerFixture.with { fixture in
            let key = fixture.keys[.admin]!
            try await fixture.app.test(.router) { client in
                let created = try await client.send("/api/v1/members", .post, key: key,
                                                    try Upload.json(["name": "Madonna", "external_id": "M-7"]))
                #expect(created.status == .created)
                let id = try #require(created.object["id"] as? String)
                let search = try await client.send("/api/v1/members?search=m-7", .get, key: key).object["members"] as? [[String: Any]]
                #expect(search?.map { $0["name"] as? String } == ["Madonna"])

                var verdicts = [Bool]()
                let train = Fixtures.data("identities/celeb5/train/madonna")
                for file in try FileManager.default.contentsOfDirectory(atPath: train).sorted() {
                    let response = try await client.send("/api/v1/members/\(id)/photos", .post, key: key, try Upload.file("\(train)/\(file)"))
                    let accepted = response.object["accepted"] as? Bool ?? false
                    #expect(response.status == (accepted ? .created : .unprocessableContent))
                    if !accepted { #expect((response.object["refusal"] as? String)?.isEmpty == false) }
                    verdicts.append(accepted)
                }
                #expect(verdicts.contains(true) && verdicts.contains(false))
                let detail = try await client.send("/api/v1/members/\(id)", .get, key: key).object
                #expect((detail["samples"] as? [Any])?.count == verdicts.filter { $0 }.count)

                let changed = try await client.send("/api/v1/members/\(id)", .patch, key: key,
                                                    try Upload.json(["status": "suspended", "expires_at": "2027-06-30T00:00:00Z"]))
                #expect(changed.object["status"] as? String == "suspended" && changed.object["expires_at"] as? String == "2027-06-30T00:00:00Z")
                let badStatus = try await client.send("/api/v1/members/\(id)", .patch, key: key, try Upload.json(["status": "gold"]))
                #expect(badStatus.status == .badRequest)

                #expect(try await client.send("/api/v1/members/\(id)", .delete, key: key).status == .ok)
                #expect(try await client.send("/api/v1/members/\(id)", .get, key: key).status == .notFound)
                #expect(try await fixture.store.gallerySamples(embedding: fixture.service.embedding).isEmpty)
                #expect(try await client.send("/api/v1/members", .get, key: fixture.keys[.recognition]).status == .forbidden)
            }
        }
    }

    @Test func anUnknownVisitorNamedByStaffIsWelcomedNextTime() async throws {
        try await ServerFixture.with { fixture in
            let door = try #require(try await fixture.store.doors(ofSite: nil).first)
            let admin = fixture.keys[.admin]!
            let frame = try Data(contentsOf: URL(fileURLWithPath: KioskTests.elton))
            try await fixture.app.test(.router) { client in
                func post() async throws -> [String: Any] {
                    try await client.send("/api/v1/kiosk/\(door.id.uuidString)/frames", .post, key: fixture.keys[.kiosk],
                                          ([.contentType: "image/jpeg"], ByteBuffer(bytes: frame))).object
                }
                var last = [String: Any]()
                for _ in 0..<6 { last = try await post() }
                #expect((last["decision"] as? [String: Any])?["outcome"] as? String == "unknown")

                let inbox = try await client.send("/api/v1/unknown-visitors", .get, key: admin).object["visitors"] as? [[String: Any]] ?? []
                #expect(inbox.count == 1 && inbox.first?["visit_count"] as? Int == 1)
                let visitor = try #require(inbox.first?["id"] as? String)
                let promoted = try await client.send("/api/v1/unknown-visitors/\(visitor)/promote", .post, key: admin,
                                                     try Upload.json(["name": "Elton"]))
                #expect(promoted.status == .created && promoted.object["samples"] as? Int == 1)
                let emptied = try await client.send("/api/v1/unknown-visitors", .get, key: admin).object["visitors"] as? [Any]
                #expect(emptied?.isEmpty == true)

                // The same face again: welcomed by name after three frames.
                var answers = [[String: Any]]()
                for _ in 0..<3 { answers.append(try await post()) }
                #expect((answers.last?["decision"] as? [String: Any])?["message"] as? String == "Welcome, Elton")

                let missing = try await client.send("/api/v1/unknown-visitors/\(UUID().uuidString)", .delete, key: admin)
                #expect(missing.status == .notFound)
            }
        }
    }
}
