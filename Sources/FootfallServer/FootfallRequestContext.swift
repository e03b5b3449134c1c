import Foundation
import FootfallCore
import Hummingbird

/// The context every route sees: Hummingbird's core plus who is asking, once the key or session
/// has been checked by ``APIKeyAuthentication``.
public struct FootfallRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The key presented with `x-api-key`, when it matched a stored one.
    public var apiKey: APIKey?
    /// The signed-in user of a page, from the session cookie (``SessionAuthentication``).
    public var session: Sessions.Session?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// Photos from phones run to a few megabytes; anything much larger is refused with 413
    /// before it is read into memory.
    public var maxUploadSize: Int { FootfallRequestContext.uploadLimit }

    public static let uploadLimit = 20 * 1024 * 1024

    /// Times in request bodies are ISO 8601 (`2027-06-30T00:00:00Z`), as in responses.
    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The audit log's name for whoever is asking.
    var actor: String { apiKey.map { "key:\($0.name)" } ?? session.map { "user:\($0.name)" } ?? "anonymous" }
}
