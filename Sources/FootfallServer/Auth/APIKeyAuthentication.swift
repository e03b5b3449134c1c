import Foundation
import FootfallCore
import HTTPTypes
import Hummingbird

/// Lets a request through only with an `x-api-key` whose key is stored and has one of `roles`.
///
/// Keys are looked up by the hash of what was presented on every request, so a key made or
/// revoked from the shell (`footfall keys`) counts at once, on every node of a shared database.
/// The key itself is never logged.
struct APIKeyAuthentication: RouterMiddleware {
    typealias Context = FootfallRequestContext

    static let header = HTTPField.Name("x-api-key")!

    let store: any Store
    let roles: Set<Role>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = request.headers[Self.header], !presented.isEmpty else {
            throw APIError(.unauthorized, "missing header x-api-key: create a key with `footfall keys create`",
                           code: CompreFaceCode.missingAPIKey)
        }
        guard let key = try await store.apiKey(secretHash: APIKeySecret.hash(of: presented)) else {
            throw APIError(.unauthorized, "the x-api-key is not a valid key (revoked, or mistyped)", code: CompreFaceCode.invalidAPIKey)
        }
        guard roles.contains(key.role) else {
            let allowed = Role.keyRoles.filter(roles.contains).map(\.rawValue).joined(separator: " or ")
            throw APIError(.forbidden, "a \(key.role.rawValue) key may not use this endpoint: it needs a \(allowed) key",
                           code: CompreFaceCode.forbidden)
        }
        var context = context
        context.apiKey = key
        return try await next(request, context)
    }
}
