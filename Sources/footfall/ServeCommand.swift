import ArgumentParser
import Faces
import FootfallCore
import FootfallServer
import Foundation
import Hummingbird
import Logging

/// `footfall serve`: the service a site runs.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the service: the dashboard, the kiosk at the door, Footfall's API and CompreFace's.",
        discussion: """
            Serves the store given by --data or --database until SIGINT or SIGTERM, then stops \
            gracefully (requests in progress finish). The networks are loaded once; the \
            gallery follows the store, so members enrolled with `footfall members add` (here \
            or on another node of a shared database) are recognised at once. Clients \
            authenticate with an API key (`footfall keys create`) in the x-api-key header. \
            GET /health needs no key. Staff sign in to the pages with a user (`footfall users \
            add`); with none yet, serve prints a one-time set-up address for the owner.

            Browsers give a page the camera only over https or on localhost: for a kiosk \
            tablet on the LAN, give --tls-cert and --tls-key (PEM files).
            """)

    @Option(help: "The address to listen on; 0.0.0.0 for every interface.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain, for https.", valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String = "info"

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("give --tls-cert and --tls-key together") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        var logger = Logger(label: "footfall")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let pipeline = try FacePipeline()
        let tls = tlsCertificate.flatMap { certificate in tlsKey.map { (certificate: certificate, key: $0) } }
        try await withStore(store) { store, site, _ in
            let service = try await FootfallService(store: store, site: site, pipeline: pipeline)
            let app = try buildApplication(service: service, options: ServerOptions(host: host, port: port, tls: tls), logger: logger)
            let scheme = tls == nil ? "http" : "https"
            let keys = try await store.apiKeys()
            print("footfall serve: \(scheme)://\(host):\(port) for site \(site.name), \(await service.gallery.current.members.count) members")
            if let token = await service.firstRun.token {
                print("no users yet: open \(scheme)://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/setup?token=\(token) to create the owner's account (or `footfall users add NAME --role owner`)")
            } else {
                print("dashboard: \(scheme)://\(host):\(port)/")
            }
            if keys.isEmpty {
                print("no API keys yet: create one with `footfall keys create --name admin --role admin` (and the same --data or --database)")
            }
            try await app.runService()
        }
    }
}
