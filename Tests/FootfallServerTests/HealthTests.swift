import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthTests {
    @Test func healthAnswersWithoutAKey() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(body?["status"] as? String == "ok")
                }
            }
        }
    }
}
