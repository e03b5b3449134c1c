import Foundation
import FootfallServer
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// "A client written for CompreFace works unchanged": CompreFace's own Python SDK
/// (`compreface-sdk` 0.6.0 from PyPI, in a virtual environment under `.build/`) runs a script
/// of its calls against a live Footfall server on loopback. The test fails if Python or PyPI
/// cannot provide the SDK; it never skips.
@Suite struct CompreFaceSDKTests {
    static let environment = Fixtures.packageRoot.appendingPathComponent(".build/compreface-sdk").path

    /// The SDK pins requests-toolbelt 0.9.1, which needs urllib3 1.x.
    static func ensureSDK() throws -> String {
        let python = "\(environment)/bin/python"
        if (try? run(python, ["-c", "import compreface"])) != nil { return python }
        try run("/usr/bin/env", ["python3", "-m", "venv", "--clear", environment])
        try run(python, ["-m", "pip", "install", "--quiet", "compreface-sdk==0.6.0", "urllib3<2"])
        return python
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey:
                "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: problems, as: UTF8.self).suffix(2000))"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func compreFacesPythonSDKWorksUnchanged() async throws {
        let python = try Self.ensureSDK()
        let script = Fixtures.packageRoot.appendingPathComponent("Tests/FootfallServerTests/Clients/compreface_sdk_client.py").path
        try await ServerFixture.with { fixture in
            try await fixture.app.test(.live) { client in
                let port = try #require(client.port)
                let output = try await Task.detached {
                    try Self.run(python, [script, "http://127.0.0.1", "\(port)", fixture.keys[.recognition]!,
                                          Fixtures.data("identities/celeb5/train/madonna"), KioskTests.madonna,
                                          Fixtures.data("identities/celeb5/val/madonna/httpcdncdnjustjaredcomwpcontentuploadsheadlinesmadonnatalksparisattackstearsjpg.jpg")])
                }.value
                let answers = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                #expect((answers["subject_added"] as? [String: Any])?["subject"] as? String == "Madonna")
                let examples = answers["examples"] as? [[String: Any]] ?? []
                let accepted = examples.filter { $0["image_id"] != nil }
                #expect(!accepted.isEmpty && examples.allSatisfy { $0["image_id"] != nil || $0["code"] != nil })
                #expect((answers["listed"] as? [String: Any])?["total_elements"] as? Int == accepted.count)
                #expect((answers["subjects"] as? [String: Any])?["subjects"] as? [String] == ["Madonna"])
                let recognized = ((answers["recognized"] as? [String: Any])?["result"] as? [[String: Any]])?.first
                let candidate = (recognized?["subjects"] as? [[String: Any]])?.first
                #expect(candidate?["subject"] as? String == "Madonna" && (candidate?["similarity"] as? Double ?? 0) > 0.5)
                #expect((recognized?["landmarks"] as? [Any])?.count == 5)
                #expect(((answers["detected"] as? [String: Any])?["result"] as? [Any])?.isEmpty == false)
                let verified = ((answers["verified"] as? [String: Any])?["result"] as? [[String: Any]])?.first
                #expect(((verified?["face_matches"] as? [[String: Any]])?.first?["similarity"] as? Double ?? 0) > 0.5)
                // Each example on its own: the most similar is the one recognition named (the
                // nearest sample), at the same similarity; others of her may lie beyond 0.5.
                let againstExamples = (answers["verified_against_examples"] as? [[String: Any]] ?? []).compactMap {
                    ($0["result"] as? [[String: Any]])?.first
                }
                #expect(againstExamples.count == accepted.count && againstExamples.allSatisfy { $0["subject"] as? String == "Madonna" })
                #expect(againstExamples.compactMap { $0["similarity"] as? Double }.max() == candidate?["similarity"] as? Double)
                #expect((answers["renamed"] as? [String: Any])?["updated"] as? Bool == true)
                #expect((answers["deleted_example"] as? [String: Any])?["image_id"] as? String == accepted.first?["image_id"] as? String)
                #expect((answers["deleted_subject"] as? [String: Any])?["subject"] as? String == "Madonna Ciccone")
                #expect((answers["subjects_after"] as? [String: Any])?["subjects"] as? [String] == [])
            }
        }
    }
}
