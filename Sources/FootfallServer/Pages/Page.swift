import Foundation
import Hummingbird

/// The staff pages' shared frame: plain HTML and CSS written here and served by the binary (no
/// CDN, no scripts from elsewhere), escaped text everywhere.
enum Page {
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A whole page: `body` is HTML already escaped by its writer.
    static func response(title: String, session: Sessions.Session?, body: String, status: HTTPResponse.Status = .ok) -> Response {
        let navigation = session.map { session in
            """
            <nav><a href="/">Dashboard</a><a href="/members">Members</a><span class="who">\(escaped(session.name)) (\(session.role.rawValue))</span>
            <form method="post" action="/logout">\(csrfField(session))<button>Sign out</button></form></nav>
            """
        } ?? ""
        let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title)) · Footfall</title><style>\(style)</style></head>
        <body><header><strong>Footfall</strong>\(navigation)</header><main><h1>\(escaped(title))</h1>\(body)</main></body></html>
        """
        return Response(status: status,
                        headers: [.contentType: "text/html; charset=utf-8",
                                  .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; form-action 'self'; frame-ancestors 'none'"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The hidden field every form of a signed-in page carries.
    static func csrfField(_ session: Sessions.Session) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escaped(session.csrf))\">"
    }

    /// A browser's POST from another site names that site in `Origin`: refuse it. (Clients
    /// that send no `Origin` are not browsers, which carry the session cookie only for us.)
    static func isCrossOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin], let host = request.head.authority else { return false }
        return URL(string: origin)?.host.map { originHost in
            let port = URL(string: origin)?.port.map { ":\($0)" } ?? ""
            return "\(originHost)\(port)" != host
        } ?? true
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static let style = """
    body { margin: 0; font: 16px/1.45 system-ui, sans-serif; color: #1d232a; background: #f4f6f8; }
    header { display: flex; align-items: center; gap: 2rem; padding: .8rem 1.5rem; background: #1d232a; color: #fff; }
    header a { color: #fff; } nav { display: flex; gap: 1.2rem; align-items: center; flex: 1; }
    nav .who { margin-left: auto; opacity: .8; } nav form { margin: 0; }
    main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 1rem; }
    .card { background: #fff; border-radius: 8px; padding: 1rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
    .card .value { font-size: 2rem; font-weight: 700; } .card .label { opacity: .7; }
    section { background: #fff; border-radius: 8px; padding: 1rem; margin-top: 1rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
    table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e7eb; }
    form.login { display: grid; gap: .8rem; max-width: 360px; } input, button { font: inherit; padding: .5rem .7rem; }
    .error { color: #9c1c1c; } svg { width: 100%; height: auto; } svg text { font: 11px system-ui, sans-serif; fill: #5b6570; }
    """
}
