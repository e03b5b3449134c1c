import Faces
import Foundation

/// How values without a column type of their own are written, the same in both stores.
extension EnrolmentStrategy {
    /// `all`, `average` or `clusters:0.4`.
    var storedForm: String {
        switch self {
        case .all: "all"
        case .average: "average"
        case let .clusters(threshold): "clusters:\(threshold)"
        }
    }

    init(storedForm text: String) throws {
        switch text {
        case "all": self = .all
        case "average": self = .average
        default:
            guard text.hasPrefix("clusters:"), let threshold = Float(text.dropFirst("clusters:".count))
            else { throw StoreError.notFound(what: "enrolment strategy", key: text) }
            self = .clusters(threshold: threshold)
        }
    }
}

extension UUID {
    init(storedForm text: String) throws {
        guard let id = UUID(uuidString: text) else { throw StoreError.notFound(what: "id", key: text) }
        self = id
    }
}

/// A stored enum value that this version does not know: the database is newer or damaged.
func storedCase<T: RawRepresentable>(_ raw: String, as type: T.Type) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: raw) else { throw StoreError.notFound(what: String(describing: T.self), key: raw) }
    return value
}

/// Audit subjects name records by kind and id, never by a person's name.
enum AuditSubject {
    static func member(_ id: UUID) -> String { "member \(id.uuidString)" }
    static func sample(_ id: UUID) -> String { "sample \(id.uuidString)" }
    static func site(_ id: UUID) -> String { "site \(id.uuidString)" }
    static func door(_ id: UUID) -> String { "door \(id.uuidString)" }
    static func unknownVisitor(_ id: UUID) -> String { "unknown visitor \(id.uuidString)" }
    static func apiKey(_ id: UUID) -> String { "API key \(id.uuidString)" }
    static func user(_ id: UUID) -> String { "user \(id.uuidString)" }
}
