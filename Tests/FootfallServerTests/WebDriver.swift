import AsyncHTTPClient
import Foundation
import NIOCore

/// Just enough of the W3C WebDriver protocol to drive Debian's chromedriver: a session with
/// Chromium's options, navigation, a script, a screenshot. The driver is started by the test on
/// a loopback port and stopped with the session.
final class WebDriver {
    let process: Process
    let base: URL
    private(set) var session = ""

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Starts chromedriver and a headless Chromium with `arguments`; fails when either is missing.
    init(chromiumArguments arguments: [String]) async throws {
        guard let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "chromedriver is not installed: scripts/setup installs chromium-driver")
        }
        let port = Int.random(in: 20_000..<40_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = URL(string: "http://127.0.0.1:\(port)")!
        // The driver answers /status once it listens.
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await request("GET", "/status")) != nil
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard ready else {
            await stop()
            throw Failure(description: "chromedriver did not start listening on port \(port)")
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": "/usr/bin/chromium", "args": arguments],
        ]]]
        let created = try await request("POST", "/session", capabilities)
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            await stop()
            throw Failure(description: "chromedriver refused the session: \(created)")
        }
        session = id
    }

    func navigate(to url: String) async throws {
        _ = try await request("POST", "/session/\(session)/url", ["url": url])
    }

    /// The value of `script` (a function body: `return …`) in the page.
    func evaluate(_ script: String) async throws -> Any? {
        try await request("POST", "/session/\(session)/execute/sync", ["script": script, "args": []])["value"]
    }

    func screenshot(to path: String) async throws {
        guard let base64 = try await request("GET", "/session/\(session)/screenshot")["value"] as? String,
              let png = Data(base64Encoded: base64) else { throw Failure(description: "no screenshot") }
        try png.write(to: URL(fileURLWithPath: path))
    }

    /// Ends the browser session and the driver.
    func stop() async {
        if !session.isEmpty { _ = try? await request("DELETE", "/session/\(session)") }
        // chromedriver does not always exit on SIGTERM; nothing of it needs saving.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return (try JSONSerialization.jsonObject(with: Data(buffer: data))) as? [String: Any] ?? [:]
    }
}
