import Faces
import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import TestSupport

/// A server on a fresh SQLite data folder with the real networks, and keys of each role.
struct ServerFixture {
    let folder: URL
    let store: any Store
    let service: FootfallService
    let app: any ApplicationProtocol
    /// Secrets by role.
    let keys: [Role: String]

    /// The networks, loaded once for every test of the target.
    static let pipeline: FacePipeline = try! FacePipeline()

    /// `port` 0: any free one, for HummingbirdTesting's live mode (the router mode ignores it).
    static func with(port: Int = 0, _ body: (ServerFixture) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-server-\(UUID().uuidString)")
        let store = try await StoreLocation(data: folder.path, database: nil).open()
        do {
            let (site, door) = try await SiteDefaults.ensure(in: store, by: "test")
            var keys = [Role: String]()
            for role in Role.keyRoles {
                let secret = APIKeySecret()
                try await store.save(try APIKey(name: "test \(role.rawValue)", role: role, secretHash: secret.hash,
                                                doorID: role == .kiosk ? door.id : nil), by: "test")
                keys[role] = secret.text
            }
            let service = try await FootfallService(store: store, site: site, pipeline: pipeline)
            let app = try buildApplication(service: service, options: ServerOptions(host: "127.0.0.1", port: port))
            try await body(ServerFixture(folder: folder, store: store, service: service, app: app, keys: keys))
        } catch {
            try? await store.close()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        try await store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
