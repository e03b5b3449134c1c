import ArgumentParser
import Faces
import FootfallCore
import Foundation

/// `footfall sites`: the branches footfall is counted for.
struct SitesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "Add and list sites (a gym, a branch), each in its own time zone.",
        discussion: """
            A new data folder starts with one site, "\(SiteDefaults.siteName)", in this machine's \
            time zone, and one door, "\(SiteDefaults.doorName)".
            """,
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a site.")

        @Argument(help: "The site's name.")
        var name: String

        @Option(name: .customLong("time-zone"), help: ArgumentHelp("IANA time zone such as Europe/London (default: this machine's).", valueName: "zone"))
        var timeZone: String = TimeZone.current.identifier

        @Option(help: ArgumentHelp("Largest descriptor distance that names a member at this site (default: calibrated on the members, never above the embedder's 0.6 for dlib).", valueName: "distance"))
        var threshold: Float?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let threshold, !(threshold > 0) { throw ValidationError("--threshold must be a positive distance such as 0.6") }
        }

        func run() async throws {
            let site = try Site(name: name, timeZone: timeZone, matchThreshold: threshold)
            try await withStore(store) { store, _, _ in try await store.save(site, by: StoreOptions.actor) }
            print("\(site.name): \(site.id.uuidString.lowercased())")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sites and their doors.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let format = try output.resolved(among: [.text, .json], standard: .text)
            let listed = try await withStore(store) { store, _, _ in
                var listed = [SiteListing]()
                for site in try await store.sites() {
                    listed.append(SiteListing(site: site, doors: try await store.doors(ofSite: site.id)))
                }
                return listed
            }
            if format == .json {
                print(try jsonString(listed))
            } else {
                for entry in listed {
                    let threshold = entry.site.matchThreshold.map { "threshold \($0)" } ?? "calibrated threshold"
                    print("\(entry.site.name)  \(entry.site.id.uuidString.lowercased())  \(entry.site.timeZone)  \(threshold)")
                    for door in entry.doors { print("  door \(door.name)  \(door.id.uuidString.lowercased())") }
                }
            }
        }
    }
}

struct SiteListing: Encodable {
    var site: Site
    var doors: [Door]
}

/// `footfall doors`: the entrances of a site.
struct DoorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doors",
        abstract: "Add and list doors (an entrance with its camera or kiosk).",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a door to a site.")

        @Argument(help: "The door's name.")
        var name: String

        @Option(help: ArgumentHelp("The site's name or id (default: the first site).", valueName: "site"))
        var site: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let door = try await withStore(store) { store, first, _ in
                let site = try await SiteLookup.find(self.site, in: store) ?? first
                let door = try Door(siteID: site.id, name: name)
                try await store.save(door, by: StoreOptions.actor)
                return door
            }
            print("\(door.name): \(door.id.uuidString.lowercased())")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the doors of one site, or of all.")

        @Option(help: ArgumentHelp("The site's name or id (default: every site).", valueName: "site"))
        var site: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let format = try output.resolved(among: [.text, .json], standard: .text)
            let doors = try await withStore(store) { store, _, _ in
                try await store.doors(ofSite: try await SiteLookup.find(self.site, in: store)?.id)
            }
            if format == .json {
                print(try jsonString(doors))
            } else {
                for door in doors { print("\(door.name)  \(door.id.uuidString.lowercased())") }
            }
        }
    }
}

enum SiteLookup {
    /// The site `key` names (by id or name); nil key: nil. An unknown key is an error.
    static func find(_ key: String?, in store: any Store) async throws -> Site? {
        guard let key else { return nil }
        let sites = try await store.sites()
        if let site = sites.first(where: { $0.id.uuidString.lowercased() == key.lowercased() || $0.name == key }) { return site }
        throw StoreError.notFound(what: "site", key: key)
    }
}
