import Foundation

extension StoreLocation {
    /// Opens the store, creating a data folder (and its database) on first use.
    public func open() async throws -> any Store {
        switch self {
        case let .folder(path):
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.unreachable(location: path, reason: "cannot create the data folder: \(error.localizedDescription)")
            }
            return try SQLiteStore(path: path + "/" + Self.databaseFileName)
        case let .postgres(url):
            return try await PostgresStore.connect(url: url)
        }
    }
}

/// What a new data folder starts with, so `footfall members add` works with nothing set up.
public enum SiteDefaults {
    public static let siteName = "Main site"
    public static let doorName = "Entrance"

    /// The first site and its first door, made (in this machine's time zone) when there are none.
    public static func ensure(in store: any Store, by actor: String) async throws -> (site: Site, door: Door) {
        let site: Site
        if let first = try await store.sites().first {
            site = first
        } else {
            site = try Site(name: siteName)
            try await store.save(site, by: actor)
        }
        if let door = try await store.doors(ofSite: site.id).first { return (site, door) }
        let door = try Door(siteID: site.id, name: doorName)
        try await store.save(door, by: actor)
        return (site, door)
    }
}
