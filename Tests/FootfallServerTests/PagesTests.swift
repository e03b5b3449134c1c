import Foundation
import FootfallCore
import FootfallServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Signing in to the staff pages: the first-run set-up address, passwords, the session cookie,
/// CSRF, the throttle; and the dashboard it leads to.
@Suite struct PagesTests {
    static func form(_ fields: [String: String]) -> (HTTPFields, ByteBuffer) {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return ([.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: body))
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("\(Sessions.cookie)=") }
            .map { String($0.split(separator: ";")[0]) }
    }

    @Test func theOwnerIsCreatedOnceThroughTheSetUpAddressThenSignsIn() async throws {
        try await ServerFixture.with { fixture in
            let token = try #require(await fixture.service.firstRun.token)
            try await fixture.app.test(.router) { client in
                #expect(try await client.execute(uri: "/", method: .get).headers[.location] == "/login")
                #expect(try await client.execute(uri: "/setup?token=wrong", method: .get).status == .forbidden)
                #expect(try await client.execute(uri: "/setup?token=\(token)", method: .get).status == .ok)
                let short = try await client.execute(uri: "/setup", method: .post, headers: Self.form([:]).0,
                                                     body: Self.form(["token": token, "name": "olga", "password": "short"]).1)
                #expect(short.status == .badRequest && String(buffer: short.body).contains("at least 10 characters"))
                let created = try await client.execute(uri: "/setup", method: .post, headers: Self.form([:]).0,
                                                       body: Self.form(["token": token, "name": "olga", "password": "correct horse battery"]).1)
                #expect(created.status == .seeOther && created.headers[.location] == "/")
                let cookie = try #require(Self.sessionCookie(created))
                #expect(created.headers[values: .setCookie].first?.contains("HttpOnly") == true)
                #expect(created.headers[values: .setCookie].first?.contains("SameSite=Strict") == true)
                #expect(try await fixture.store.user(named: "olga")?.role == .owner)
                // Used up.
                let again = try await client.execute(uri: "/setup", method: .post, headers: Self.form([:]).0,
                                                     body: Self.form(["token": token, "name": "mallory", "password": "correct horse battery"]).1)
                #expect(again.status == .forbidden)

                let dashboard = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                #expect(dashboard.status == .ok)
                let page = String(buffer: dashboard.body)
                #expect(page.contains("<svg") && page.contains("check-ins today") && page.contains("olga"))
                // Signing out needs the form's CSRF token.
                #expect(try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "csrf=forged")).status == .forbidden)
                let csrf = try #require(page.range(of: "name=\"csrf\" value=\"").map { String(page[$0.upperBound...].prefix(64)) })
                let out = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "csrf=\(csrf)"))
                #expect(out.status == .seeOther)
                #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .seeOther)
            }
        }
    }

    @Test func wrongPasswordsAreThrottledAndFormsFromOtherSitesRefused() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.store.save(try User(name: "sam", role: .staff, passwordHash: try Passwords.hash("the right password", cost: 4)), by: "test")
            try await fixture.app.test(.router) { client in
                for _ in 0..<LoginThrottle.allowedFailures {
                    let wrong = try await client.execute(uri: "/login", method: .post, headers: Self.form([:]).0,
                                                         body: Self.form(["name": "sam", "password": "guess"]).1)
                    #expect(wrong.status == .unauthorized)
                }
                let locked = try await client.execute(uri: "/login", method: .post, headers: Self.form([:]).0,
                                                      body: Self.form(["name": "sam", "password": "the right password"]).1)
                #expect(locked.status == .tooManyRequests)
                var crossSite = Self.form([:]).0
                crossSite[.origin] = "https://evil.example"
                let forged = try await client.execute(uri: "/login", method: .post, headers: crossSite,
                                                      body: Self.form(["name": "sam", "password": "the right password"]).1)
                #expect(forged.status == .forbidden)
            }
            await fixture.service.throttle.succeeded("sam")
            try await fixture.app.test(.router) { client in
                let signedIn = try await client.execute(uri: "/login", method: .post, headers: Self.form([:]).0,
                                                        body: Self.form(["name": "sam", "password": "the right password"]).1)
                #expect(signedIn.status == .seeOther && Self.sessionCookie(signedIn) != nil)
                // Removed from the shell: signed out at the next page.
                let cookie = Self.sessionCookie(signedIn)!
                try await fixture.store.removeUser(id: try #require(try await fixture.store.user(named: "sam")).id, by: "test")
                #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .seeOther)
            }
        }
    }
}

@Suite struct MembersPagesTests {
    @Test func staffAddAMemberUploadPhotosChangeTheStatusAndDeleteThem() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.store.save(try User(name: "sam", role: .staff, passwordHash: try Passwords.hash("the right password", cost: 4)), by: "test")
            try await fixture.app.test(.router) { client in
                let signedIn = try await client.execute(uri: "/login", method: .post, headers: PagesTests.form([:]).0,
                                                        body: PagesTests.form(["name": "sam", "password": "the right password"]).1)
                let cookie = try #require(PagesTests.sessionCookie(signedIn))
                let list = String(buffer: try await client.execute(uri: "/members", method: .get, headers: [.cookie: cookie]).body)
                let csrf = try #require(list.range(of: "name=\"csrf\" value=\"").map { String(list[$0.upperBound...].prefix(64)) })
                var headers = PagesTests.form([:]).0
                headers[.cookie] = cookie
                #expect(try await client.execute(uri: "/members", method: .post, headers: headers,
                                                 body: PagesTests.form(["csrf": "forged", "name": "Madonna"]).1).status == .forbidden)
                let added = try await client.execute(uri: "/members", method: .post, headers: headers,
                                                     body: PagesTests.form(["csrf": csrf, "name": "Madonna", "external_id": "M-9"]).1)
                let location = try #require(added.headers[.location])
                #expect(added.status == .seeOther && location.hasPrefix("/members/"))

                let train = Fixtures.data("identities/celeb5/train/madonna")
                let photos = try FileManager.default.contentsOfDirectory(atPath: train).sorted().prefix(6)
                var parts: [(field: String, fileName: String, data: Data)] = [("csrf", "", Data(csrf.utf8))]
                for name in photos { parts.append(("photos", name, try Data(contentsOf: URL(fileURLWithPath: "\(train)/\(name)")))) }
                var upload = Upload.multipart(parts)
                upload.0[.cookie] = cookie
                let page = String(buffer: try await client.execute(uri: "\(location)/photos", method: .post, headers: upload.0, body: upload.1).body)
                let verdicts = page.components(separatedBy: "<li>").dropFirst()
                #expect(verdicts.count == photos.count)
                let accepted = verdicts.filter { $0.contains(": accepted") }.count
                let member = try #require(try await fixture.store.members().first)
                let stored = try await fixture.store.samples(ofMember: member.id).count
                #expect(accepted > 0 && stored == accepted)
                #expect(page.contains("refused: face too small") || accepted == photos.count)

                let suspended = try await client.execute(uri: "\(location)/status", method: .post, headers: headers,
                                                         body: PagesTests.form(["csrf": csrf, "status": "suspended"]).1)
                #expect(suspended.status == .seeOther)
                #expect(try await fixture.store.members().first?.status == .suspended)
                let unconfirmed = try await client.execute(uri: "\(location)/delete", method: .post, headers: headers,
                                                           body: PagesTests.form(["csrf": csrf]).1)
                #expect(unconfirmed.status == .badRequest)
                let deleted = try await client.execute(uri: "\(location)/delete", method: .post, headers: headers,
                                                       body: PagesTests.form(["csrf": csrf, "confirm": "erase"]).1)
                #expect(deleted.status == .seeOther)
                #expect(try await fixture.store.members().isEmpty)
            }
        }
    }
}
