import Foundation
import FootfallCore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle

/// Where and how `footfall serve` listens.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// PEM certificate chain and private key; nil: plain HTTP (browsers give the camera to
    /// `https` pages and to localhost only, so a tablet on the LAN needs these).
    public var tls: (certificate: String, key: String)?

    public init(host: String = "127.0.0.1", port: Int = 8080, tls: (certificate: String, key: String)? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
    }
}

/// The whole service as one application, built from its arguments: `footfall serve` runs it,
/// and the tests drive the same router through HummingbirdTesting.
public func buildApplication(service: FootfallService, options: ServerOptions = ServerOptions(),
                             logger: Logger = Logger(label: "footfall")) throws -> some ApplicationProtocol {
    let configuration = ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "Footfall")
    let follower = GalleryFollower(gallery: service.gallery)
    let server: HTTPServerBuilder
    if let tls = options.tls {
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        server = try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
    } else {
        server = .http1()
    }
    return Application(router: buildRouter(service: service, secureCookies: options.tls != nil), server: server, configuration: configuration,
                       services: [follower], logger: logger)
}

/// Every route, behind the middleware that turns failures into JSON errors. `secureCookies`:
/// the session cookie is sent over https only (set when serving TLS).
public func buildRouter(service: FootfallService, secureCookies: Bool = false) -> Router<FootfallRequestContext> {
    let router = Router(context: FootfallRequestContext.self)
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    HealthRoutes(service: service).add(to: router)
    CompreFaceRoutes(service: service).add(to: router)
    KioskRoutes(service: service).add(to: router)
    EventRoutes(service: service).add(to: router)
    MemberRoutes(service: service).add(to: router)
    UnknownVisitorRoutes(service: service).add(to: router)
    OpenAPIDocument.add(to: router)
    SignInRoutes(service: service, secureCookies: secureCookies).add(to: router)
    DashboardPage(service: service).add(to: router)
    MembersPages(service: service).add(to: router)
    KioskPage().add(to: router)
    return router
}

/// Keeps the door's gallery current while the server runs (members enrolled from the shell or
/// another node appear at once), and stops with it.
struct GalleryFollower: Service {
    let gallery: LiveGallery

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await gallery.follow()
        }
    }
}
