import Foundation
import FootfallCore
import Hummingbird

/// `/login`, `/logout` and the first-run `/setup`: how staff get a session.
struct SignInRoutes {
    let service: FootfallService
    let secureCookies: Bool

    func add(to router: Router<FootfallRequestContext>) {
        router.get("login") { _, _ -> Response in
            Self.loginPage(error: nil)
        }

        router.post("login") { request, _ -> Response in
            guard !Page.isCrossOrigin(request) else { throw APIError(.forbidden, "a form from another site") }
            let form = try await FormBody.read(request)
            let name = form["name"] ?? "", password = form["password"] ?? ""
            guard await !service.throttle.isLocked(name) else {
                return Self.loginPage(error: "Too many failed attempts: wait 15 minutes and try again.", status: .tooManyRequests)
            }
            guard let user = try await service.store.user(named: name), Passwords.verify(password, hash: user.passwordHash) else {
                await service.throttle.failed(name)
                return Self.loginPage(error: "That name and password do not match.", status: .unauthorized)
            }
            await service.throttle.succeeded(name)
            return await signIn(user)
        }

        router.post("logout") { request, _ -> Response in
            let form = try await FormBody.read(request)
            if let token = request.cookies[Sessions.cookie]?.value, let session = await service.sessions.session(for: token) {
                guard form["csrf"] == session.csrf, !Page.isCrossOrigin(request) else { throw APIError(.forbidden, "the form's CSRF token is missing or wrong: reload the page") }
                await service.sessions.end(token)
            }
            var response = Page.redirect(to: "/login")
            response.setCookie(Cookie(name: Sessions.cookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
            return response
        }

        router.get("setup") { request, _ -> Response in
            let token = request.uri.queryParameters["token"].map(String.init)
            guard await service.firstRun.accepts(token), try await service.store.users().isEmpty else {
                return Page.response(title: "Set-up", session: nil, body: "<p>This set-up address is used up or wrong. Sign in at <a href=\"/login\">/login</a>.</p>",
                                     status: .forbidden)
            }
            return Self.setupPage(token: token ?? "", error: nil)
        }

        router.post("setup") { request, _ -> Response in
            guard !Page.isCrossOrigin(request) else { throw APIError(.forbidden, "a form from another site") }
            let form = try await FormBody.read(request)
            // Somebody may have added a user from the shell since: then set-up is over.
            guard await service.firstRun.accepts(form["token"]), try await service.store.users().isEmpty else {
                return Page.response(title: "Set-up", session: nil, body: "<p>This set-up address is used up or wrong.</p>", status: .forbidden)
            }
            let name = form["name"] ?? "", password = form["password"] ?? ""
            let user: User
            do {
                user = try User(name: name, role: .owner, passwordHash: try Passwords.hash(password))
            } catch {
                return Self.setupPage(token: form["token"] ?? "", error: "\(error)")
            }
            try await service.store.save(user, by: "setup")
            await service.firstRun.finish()
            return await signIn(user)
        }
    }

    private func signIn(_ user: User) async -> Response {
        let (token, _) = await service.sessions.start(for: user)
        var response = Page.redirect(to: "/")
        response.setCookie(Cookie(name: Sessions.cookie, value: token, maxAge: Int(Sessions.lifetime), path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    static func loginPage(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        Page.response(title: "Sign in", session: nil, body: """
            \(error.map { "<p class=\"error\">\(Page.escaped($0))</p>" } ?? "")
            <form class="login" method="post" action="/login">
            <label>Name <input name="name" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button>Sign in</button></form>
            """, status: status)
    }

    static func setupPage(token: String, error: String?) -> Response {
        Page.response(title: "Create the owner's account", session: nil, body: """
            <p>Nobody can sign in yet. The owner's account manages everything else: staff, keys, settings.</p>
            \(error.map { "<p class=\"error\">\(Page.escaped($0))</p>" } ?? "")
            <form class="login" method="post" action="/setup">
            <input type="hidden" name="token" value="\(Page.escaped(token))">
            <label>Name <input name="name" autocomplete="username" required></label>
            <label>Password (\(Passwords.minimumLength) characters or more) <input name="password" type="password" autocomplete="new-password" minlength="\(Passwords.minimumLength)" required></label>
            <button>Create the account</button></form>
            """, status: error == nil ? .ok : .badRequest)
    }
}
