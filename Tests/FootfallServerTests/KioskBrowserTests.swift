import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The kiosk page in a real browser: Debian's Chromium, headless, its camera fed from a photo
/// (a `.y4m` written by the test), talking to a live server on loopback. The test fails if
/// Chromium or its driver cannot start; it never skips. Screenshots go to
/// `$FOOTFALL_SCREENSHOTS` (default `.build/screenshots`), for a person to look at.
@Suite struct KioskBrowserTests {
    static var screenshots: String {
        ProcessInfo.processInfo.environment["FOOTFALL_SCREENSHOTS"] ?? Fixtures.packageRoot.appendingPathComponent(".build/screenshots").path
    }

    @Test func theKioskPageChecksAMemberInThroughTheCamera() async throws {
        try FileManager.default.createDirectory(atPath: Self.screenshots, withIntermediateDirectories: true)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let camera = scratch.appendingPathComponent("camera.y4m").path
        try FakeCamera.write(photo: KioskTests.madonna, to: camera)

        try await ServerFixture.with { fixture in
            let door = try #require(try await fixture.store.doors(ofSite: nil).first)
            try await fixture.app.test(.live) { client in
                let train = Fixtures.data("identities/celeb5/train/madonna")
                for file in try FileManager.default.contentsOfDirectory(atPath: train) {
                    _ = try await client.send("/api/v1/recognition/faces?subject=Madonna", .post, key: fixture.keys[.recognition],
                                              try Upload.file("\(train)/\(file)"))
                }
                let port = try #require(client.port)
                let driver = try await WebDriver(chromiumArguments: [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-video-capture=\(camera)", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                ])
                let kioskKey = fixture.keys[.kiosk]!
                do {
                    try await self.checkIn(driver: driver, port: port, door: door, key: kioskKey)
                } catch {
                    await driver.stop()
                    throw error
                }
                await driver.stop()
                let events = try await client.send("/api/v1/events", .get, key: fixture.keys[.viewer]).object["events"] as? [[String: Any]] ?? []
                #expect(events.contains { $0["kind"] as? String == "entry" && $0["member_name"] as? String == "Madonna" })
            }
        }
    }

    private func checkIn(driver: WebDriver, port: Int, door: Door, key kioskKey: String) async throws {
        try await driver.navigate(to: "http://127.0.0.1:\(port)/kiosk/\(door.name)#key=\(kioskKey)")
        // Bounded: 60 s for the camera to start and three frames to agree.
        var decisions = [[String: Any]]()
        for _ in 0..<120 where decisions.isEmpty {
            try await Task.sleep(for: .milliseconds(500))
            decisions = try await driver.evaluate("return window.footfallKiosk ? window.footfallKiosk.decisions : []") as? [[String: Any]] ?? []
        }
        try await driver.screenshot(to: "\(Self.screenshots)/kiosk-welcome.png")
        let errors = try await driver.evaluate("return window.footfallKiosk ? window.footfallKiosk.errors.map(String) : ['no kiosk']")
        #expect(decisions.first?["outcome"] as? String == "welcome", "kiosk errors: \(String(describing: errors))")
        #expect(decisions.first?["message"] as? String == "Welcome, Madonna")
        let text = try await driver.evaluate("return document.getElementById('message').textContent") as? String
        #expect(text == "Welcome, Madonna")
    }
}
