import Foundation

/// Why the store refused something, saying what to do.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case invalidName(what: String, name: String)
    case unknownTimeZone(String)
    /// The database was written by a newer Footfall: its schema has migrations this one lacks.
    case newerDatabase(location: String, unknownMigrations: [String])
    case diskFull(location: String)
    case unreachable(location: String, reason: String)
    case invalidLocation(String)
    case corruptDescriptor(bytes: Int)
    case notFound(what: String, key: String)
    case ambiguous(what: String, key: String, count: Int)
    case invalidRole(Role, for: String, allowed: [Role])
    case kioskKeyNeedsDoor

    public var description: String {
        switch self {
        case let .invalidName(what, name):
            "invalid \(what) name \(name.debugDescription): give 1 to \(Names.maximumLength) characters on one line"
        case let .unknownTimeZone(zone):
            "unknown time zone \(zone.debugDescription): give an IANA name such as Europe/London"
        case let .newerDatabase(location, unknown):
            "\(location) was written by a newer Footfall (schema steps \(unknown.joined(separator: ", ")) are unknown to this one): upgrade Footfall, or use another --data folder"
        case let .diskFull(location):
            "the disk holding \(location) is full: nothing was changed; free some space and try again"
        case let .unreachable(location, reason):
            "cannot open the store at \(location): \(reason)"
        case let .invalidLocation(text):
            "\(text.debugDescription) is not a store: give --data FOLDER or --database postgres://user@host/db"
        case let .corruptDescriptor(bytes):
            "a stored descriptor has \(bytes) bytes, not a whole number of Float32 values: the database is damaged"
        case let .notFound(what, key):
            "no \(what) \(key.debugDescription)"
        case let .ambiguous(what, key, count):
            "\(count) \(what)s match \(key.debugDescription): give the id instead"
        case let .invalidRole(role, what, allowed):
            "\(what) cannot have the role \(role.rawValue): give one of \(allowed.map(\.rawValue).joined(separator: ", "))"
        case .kioskKeyNeedsDoor:
            "a kiosk key belongs to exactly one door, and only a kiosk key has a door: give --door DOOR with --role kiosk"
        }
    }
}
