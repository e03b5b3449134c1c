import Foundation
import FootfallCore
import Hummingbird

/// For the staff pages: a request with a valid session cookie gets its session in the context;
/// one without is sent to the sign-in page (or, while there are no users yet, told to use the
/// set-up address `serve` printed). A POST from another site's page is refused; each form
/// also carries the session's CSRF token, which its route checks (``Page/csrfField(_:)``).
struct SessionAuthentication: RouterMiddleware {
    typealias Context = FootfallRequestContext
    let service: FootfallService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[Sessions.cookie]?.value, let session = await service.sessions.session(for: token) else {
            return Page.redirect(to: "/login")
        }
        // A user removed from the shell is signed out at their next request.
        guard try await service.store.user(named: session.name)?.id == session.userID else {
            await service.sessions.end(token)
            return Page.redirect(to: "/login")
        }
        if request.method == .post, Page.isCrossOrigin(request) {
            throw APIError(.forbidden, "a form from another site")
        }
        var context = context
        context.session = session
        return try await next(request, context)
    }
}

/// A form body (`application/x-www-form-urlencoded`) as a dictionary.
enum FormBody {
    static func read(_ request: Request) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 64 * 1024)
        var fields = [String: String]()
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let name = parts.first { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}
