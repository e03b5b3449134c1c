import ArgumentParser
import FootfallCore
import Foundation

/// `--data` and `--database`, shared by every command that works on a site's store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The data folder (default $FOOTFALL_DATA, else ~/.local/share/footfall); created with a default site and door on first use.",
                               valueName: "folder"))
    var data: String?

    @Option(help: ArgumentHelp("A PostgreSQL database shared by several sites or nodes, instead of the data folder: postgres://user[:password]@host[:port]/database.",
                               valueName: "url"))
    var database: String?

    func validate() throws {
        do { _ = try location() } catch { throw ValidationError("\(error)") }
    }

    func location() throws -> StoreLocation {
        try StoreLocation(data: data, database: database)
    }

    /// The store with its default site and door in place.
    func open() async throws -> (store: any Store, site: Site, door: Door) {
        let store = try await location().open()
        do {
            let (site, door) = try await SiteDefaults.ensure(in: store, by: Self.actor)
            return (store, site, door)
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The audit log's name for changes made from the shell.
    static let actor = "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")"
}

extension AsyncParsableCommand {
    /// Runs `body` with the opened store and closes it afterwards, whatever happened.
    func withStore<T>(_ options: StoreOptions,
                      _ body: (_ store: any Store, _ site: Site, _ door: Door) async throws -> T) async throws -> T {
        let (store, site, door) = try await options.open()
        do {
            let result = try await body(store, site, door)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
