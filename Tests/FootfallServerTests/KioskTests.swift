import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The kiosk endpoint as the page at the door drives it: a frame at a time, guidance for each,
/// a decision once the frames agree.
@Suite struct KioskTests {
    /// Photos whose face is as large as a webcam's at the door (106 and 131 px wide): most of
    /// celeb5/val's are smaller than the kiosk's 60 px at their size.
    static let madonna = Fixtures.data("identities/celeb5/val/madonna/httpassetsrollingstonecomassetsimagesalbumreviewaffaceabdcccaeedjpg.jpg")
    static let elton = Fixtures.data("identities/celeb5/val/elton_john/httpafilesbiographycomimageuploadcfillcssrgbdprgfacehqwMTEODAOTcxNjcMjczMjkzjpg.jpg")

    @Test func membersAreWelcomedOnceRefusedOrUnknownAfterSeveralFrames() async throws {
        try await ServerFixture.with { fixture in
            let door = try #require(try await fixture.store.doors(ofSite: nil).first)
            let kiosk = fixture.keys[.kiosk]!
            try await fixture.app.test(.router) { client in
                let train = Fixtures.data("identities/celeb5/train/madonna")
                for file in try FileManager.default.contentsOfDirectory(atPath: train) {
                    _ = try await client.send("/api/v1/recognition/faces?subject=Madonna", .post, key: fixture.keys[.recognition],
                                              try Upload.file("\(train)/\(file)"))
                }
                let frame = try Data(contentsOf: URL(fileURLWithPath: Self.madonna))
                func post(_ data: Data, key: String? = kiosk) async throws -> TestResponse {
                    try await client.send("/api/v1/kiosk/\(door.id.uuidString.lowercased())/frames", .post, key: key,
                                          ([.contentType: "image/jpeg"], ByteBuffer(bytes: data)))
                }
                // Three frames: looking, looking, then the welcome and its event.
                var answers = [[String: Any]]()
                for _ in 0..<3 { answers.append(try await post(frame).object) }
                #expect(answers.map { $0["state"] as? String } == ["looking", "looking", "decided"])
                #expect(answers[0]["guidance"] as? String == "good")
                let decision = answers[2]["decision"] as? [String: Any] ?? [:]
                #expect(decision["outcome"] as? String == "welcome" && decision["message"] as? String == "Welcome, Madonna")
                // Within the session window: welcomed back, no second entry.
                for _ in 0..<2 { _ = try await post(frame) }
                let back = try await post(frame).object["decision"] as? [String: Any] ?? [:]
                #expect(back["outcome"] as? String == "welcome-back" && back["event_id"] == nil)
                let entries = try await fixture.store.events(from: Date() - 60, to: Date() + 60, site: nil).filter { $0.kind == .entry }
                #expect(entries.count == 1 && entries.first?.memberID != nil)

                // Somebody never enrolled: unknown after six frames, and into the inbox.
                let stranger = try Data(contentsOf: URL(fileURLWithPath: Self.elton))
                var outcomes = [String?]()
                for _ in 0..<6 { outcomes.append((try await post(stranger).object["decision"] as? [String: Any])?["outcome"] as? String) }
                #expect(outcomes == [nil, nil, nil, nil, nil, "unknown"])
                #expect(try await fixture.store.unknownVisitors().count == 1)

                // A frame with no face: guidance, no decision.
                let grey = try await post(try AuthAndBadInputTests.greyPNG()).object
                #expect(grey["guidance"] as? String == "no-face" && grey["state"] as? String == "looking")

                // Keys: a recognition key may not post frames; a kiosk key only for its door.
                #expect(try await post(frame, key: fixture.keys[.recognition]).status == .forbidden)
                let other = try Door(siteID: door.siteID, name: "Side")
                try await fixture.store.save(other, by: "test")
                let elsewhere = try await client.send("/api/v1/kiosk/\(other.id.uuidString)/frames", .post, key: kiosk,
                                                      ([.contentType: "image/jpeg"], ByteBuffer(bytes: frame)))
                #expect(elsewhere.status == .forbidden)
                let unknownDoor = try await client.send("/api/v1/kiosk/nowhere/frames", .post, key: fixture.keys[.admin],
                                                        ([.contentType: "image/jpeg"], ByteBuffer(bytes: frame)))
                #expect(unknownDoor.status == .notFound && unknownDoor.object["message"] != nil)

                let page = try await client.send("/kiosk/\(door.name)", .get, key: nil)
                #expect(page.status == .ok && String(buffer: page.body).contains("getUserMedia"))
            }
        }
    }
}
