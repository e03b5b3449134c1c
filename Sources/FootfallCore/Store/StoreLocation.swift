import Foundation

/// Where a store lives: a data folder holding `footfall.sqlite` (the default), or a PostgreSQL
/// database several nodes share.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case folder(String)
    case postgres(URL)

    /// The file name of the SQLite database inside a data folder.
    public static let databaseFileName = "footfall.sqlite"

    /// `--data DIR` or `--database URL` as given; neither: `$FOOTFALL_DATA`, else
    /// `~/.local/share/footfall`.
    public init(data: String?, database: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        switch (data, database) {
        case let (folder?, nil):
            self = .folder(folder)
        case let (nil, url?):
            guard let parsed = URL(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
                  parsed.host != nil
            else { throw StoreError.invalidLocation(url) }
            self = .postgres(parsed)
        case (nil, nil):
            if let folder = environment["FOOTFALL_DATA"], !folder.isEmpty {
                self = .folder(folder)
            } else {
                let home = environment["HOME"] ?? NSHomeDirectory()
                self = .folder(home + "/.local/share/footfall")
            }
        case (_?, _?):
            throw StoreError.invalidLocation("--data and --database together")
        }
    }

    public var description: String {
        switch self {
        case let .folder(path): path
        case let .postgres(url): Self.withoutPassword(url)
        }
    }

    /// The URL for messages and logs: a password in it is replaced by `***`.
    static func withoutPassword(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false), parts.password != nil else {
            return url.absoluteString
        }
        parts.password = "***"
        return parts.string ?? url.absoluteString
    }
}
