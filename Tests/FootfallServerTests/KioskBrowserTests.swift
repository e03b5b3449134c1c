import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The pages in a real browser, as staff and a member use them: Debian's Chromium, headless, its
/// camera fed from a photo (a `.y4m` written by the test), talking to a live server on loopback.
/// The owner signs in, enrols a member from the (fake) webcam on the member's page, the kiosk
/// checks the member in, and the dashboard and `GET /api/v1/events` show it. The test fails if
/// Chromium or its driver cannot start; it never skips. Screenshots go to
/// `$FOOTFALL_SCREENSHOTS` (default `.build/screenshots`), for a person to look at.
@Suite struct KioskBrowserTests {
    static var screenshots: String {
        ProcessInfo.processInfo.environment["FOOTFALL_SCREENSHOTS"] ?? Fixtures.packageRoot.appendingPathComponent(".build/screenshots").path
    }

    @Test func aMemberEnrolledFromTheWebcamIsCheckedInByTheKioskAndCounted() async throws {
        try FileManager.default.createDirectory(atPath: Self.screenshots, withIntermediateDirectories: true)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let camera = scratch.appendingPathComponent("camera.y4m").path
        try FakeCamera.write(photo: KioskTests.madonna, to: camera)

        try await ServerFixture.with { fixture in
            let door = try #require(try await fixture.store.doors(ofSite: nil).first)
            try await fixture.store.save(try User(name: "olga", role: .owner, passwordHash: try Passwords.hash("the owner's password", cost: 4)), by: "test")
            let member = try Member(name: "Madonna", consentAt: Date())
            try await fixture.store.enrol(member, samples: [], by: "test")
            try await fixture.app.test(.live) { client in
                let port = try #require(client.port)
                let driver = try await WebDriver(chromiumArguments: [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-video-capture=\(camera)", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                ])
                do {
                    try await self.enrolFromTheWebcam(driver: driver, port: port, member: member)
                    try await self.checkIn(driver: driver, port: port, door: door, key: fixture.keys[.kiosk]!)
                    try await self.seeTheDashboard(driver: driver, port: port)
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

    /// Signs in, opens the member's page and lets its webcam enrolment take five samples.
    private func enrolFromTheWebcam(driver: WebDriver, port: Int, member: Member) async throws {
        try await driver.navigate(to: "http://127.0.0.1:\(port)/login")
        _ = try await driver.evaluate("""
            document.querySelector('[name=name]').value = 'olga';
            document.querySelector('[name=password]').value = "the owner's password";
            document.querySelector('form.login').submit(); return true
            """)
        try await Task.sleep(for: .seconds(1))
        try await driver.navigate(to: "http://127.0.0.1:\(port)/members/\(member.id.uuidString.lowercased())")
        _ = try await driver.evaluate("document.getElementById('start').click(); return true")
        var accepted = 0
        for _ in 0..<120 where accepted < 5 {
            try await Task.sleep(for: .milliseconds(500))
            accepted = try await driver.evaluate("return window.footfallEnrolment ? window.footfallEnrolment.accepted : -1") as? Int ?? -1
        }
        try await driver.screenshot(to: "\(Self.screenshots)/member-webcam-enrolment.png")
        let answers = try await driver.evaluate("return JSON.stringify(window.footfallEnrolment.answers.slice(-3))")
        #expect(accepted == 5, "last answers: \(String(describing: answers))")
    }

    private func seeTheDashboard(driver: WebDriver, port: Int) async throws {
        try await driver.navigate(to: "http://127.0.0.1:\(port)/")
        try await driver.screenshot(to: "\(Self.screenshots)/dashboard.png")
        let checkIns = try await driver.evaluate("return document.querySelector('.card .value').textContent") as? String
        #expect(checkIns == "1")
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
