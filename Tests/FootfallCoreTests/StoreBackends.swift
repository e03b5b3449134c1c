import Foundation
import FootfallCore
import Testing
import TestSupport

/// The back ends the store suite runs against; each test gets an empty store of its own.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    /// A database of its own on the test process's PostgreSQL server (``PostgresServer``).
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty store and what removes it afterwards.
    func makeStore() async throws -> (store: any Store, cleanUp: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let folder = try TemporaryFolder()
            let store = try SQLiteStore(path: folder.path + "/" + StoreLocation.databaseFileName,
                                        generationPoll: .milliseconds(50))
            return (store, { try? await store.close(); folder.remove() })
        case .postgres:
            let server = try PostgresServer.shared()
            let url = try server.createDatabase()
            do {
                let store = try await PostgresStore.connect(url: url)
                return (store, { try? await store.close(); try? server.dropDatabase(url) })
            } catch {
                try? server.dropDatabase(url)
                throw error
            }
        }
    }

    /// Runs `body` with a fresh store, then removes it whatever happened.
    func withStore(_ body: (any Store) async throws -> Void) async throws {
        let (store, cleanUp) = try await makeStore()
        do {
            try await body(store)
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }
}

/// A folder under the system's temporary directory, removed by ``remove()``.
struct TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
