import ArgumentParser
import FootfallCore
import Foundation

/// `footfall keys`: API keys for the service's clients, kiosks and CompreFace-style SDKs.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys for footfall serve.",
        discussion: """
            A key is 256 random bits, shown once when it is created; the store keeps only its \
            SHA-256. Clients send it in the x-api-key header. Roles: admin (everything), \
            recognition (CompreFace recognition, detection and verification, and managing \
            subjects), kiosk (frames for one door: --door), viewer (reports and events). Keys \
            made or revoked here count at once, also while the server runs.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key; prints it alone on the last line.")

        @Option(help: "A name for the key: who or what uses it.")
        var name: String

        @Option(help: ArgumentHelp("admin, recognition, kiosk or viewer.", valueName: "role"))
        var role: Role

        @Option(help: ArgumentHelp("The door a kiosk key submits frames for (name or id).", valueName: "door"))
        var door: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard Role.keyRoles.contains(role) else {
                throw ValidationError("a key's role is one of \(Role.keyRoles.map(\.rawValue).joined(separator: ", "))")
            }
            guard (role == .kiosk) == (door != nil) else { throw ValidationError("\(StoreError.kioskKeyNeedsDoor)") }
        }

        func run() async throws {
            let secret = APIKeySecret()
            let key = try await withStore(store) { store, _, _ in
                var doorID: UUID?
                if let door { doorID = try await DoorLookup.find(door, in: store).id }
                let key = try APIKey(name: name, role: role, secretHash: secret.hash, doorID: doorID)
                try await store.save(key, by: StoreOptions.actor)
                return key
            }
            print("key \(key.name) (\(key.role.rawValue)) \(key.id.uuidString.lowercased()): shown this once, keep it safe")
            print(secret.text)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys (never their secrets).")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let format = try output.resolved(among: [.text, .json], standard: .text)
            let keys = try await withStore(store) { store, _, _ in try await store.apiKeys() }
            if format == .json {
                print(try jsonString(keys.map(KeySummary.init)))
            } else {
                for key in keys {
                    let door = key.doorID.map { "  door \($0.uuidString.lowercased())" } ?? ""
                    print("\(key.name)  \(key.role.rawValue)  \(key.id.uuidString.lowercased())\(door)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: requests with it are refused from now on.")

        @Argument(help: "The key's name or id.")
        var key: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let revoked = try await withStore(store) { store, _, _ in
                let matches = try await store.apiKeys().filter { $0.id.uuidString.lowercased() == key.lowercased() || $0.name == key }
                guard matches.count <= 1 else { throw StoreError.ambiguous(what: "key", key: key, count: matches.count) }
                guard let match = matches.first else { throw StoreError.notFound(what: "key", key: key) }
                try await store.removeAPIKey(id: match.id, by: StoreOptions.actor)
                return match
            }
            print("revoked \(revoked.name)")
        }
    }
}

/// A key as `keys list --format json` shows it: no hash.
struct KeySummary: Encodable {
    var id: UUID
    var name: String
    var role: Role
    var doorID: UUID?
    var createdAt: Date
    var lastUsedAt: Date?

    init(_ key: APIKey) {
        (id, name, role, doorID, createdAt, lastUsedAt) = (key.id, key.name, key.role, key.doorID, key.createdAt, key.lastUsedAt)
    }
}

extension Role: ExpressibleByArgument {}

enum DoorLookup {
    /// The door `key` names, by id or name, at any site.
    static func find(_ key: String, in store: any Store) async throws -> Door {
        let matches = try await store.doors(ofSite: nil).filter { $0.id.uuidString.lowercased() == key.lowercased() || $0.name == key }
        guard matches.count <= 1 else { throw StoreError.ambiguous(what: "door", key: key, count: matches.count) }
        guard let door = matches.first else { throw StoreError.notFound(what: "door", key: key) }
        return door
    }
}
