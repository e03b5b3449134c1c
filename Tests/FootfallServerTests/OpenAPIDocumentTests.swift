import Foundation
import FootfallServer
import Hummingbird
import HummingbirdTesting
import Testing

/// `/openapi.json` stays true: it names every route the router has, with its methods, and no
/// route the router lacks.
@Suite struct OpenAPIDocumentTests {
    @Test func theDocumentDescribesExactlyTheRoutes() async throws {
        try await ServerFixture.with { fixture in
            let router = buildRouter(service: fixture.service)
            // Hummingbird writes a parameter as `:name`; OpenAPI as `{name}`.
            let routed = Set(router.routes.map { route in
                let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method.rawValue.lowercased()) /\(path.joined(separator: "/"))"
            })
            try await fixture.app.test(.router) { client in
                let response = try await client.send("/openapi.json", .get, key: nil)
                #expect(response.status == .ok)
                let document = try #require(response.object["paths"] as? [String: [String: Any]])
                #expect(response.object["openapi"] as? String == "3.1.0")
                let described = Set(document.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
                #expect(routed.subtracting(described).sorted() == [], "routes the document does not describe")
                #expect(described.subtracting(routed).sorted() == [], "documented routes the router lacks")
                #expect(routed.count >= 20)
            }
        }
    }
}
