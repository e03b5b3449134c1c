import Foundation

/// A person the site knows: a CompreFace "subject".
public struct Member: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    /// The site's own reference for the person, such as a membership number.
    public var externalID: String?
    public var status: Status
    /// The membership ends at the start of this moment; nil: open-ended.
    public var expiresAt: Date?
    public var role: Role
    /// When the person agreed to be recognised by face; nil: not recorded.
    public var consentAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case active, suspended, expired
    }

    /// Staff are recognised at the door like members but left out of visitor counts.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case member, staff
    }

    public init(id: UUID = UUID(), name: String, externalID: String? = nil, status: Status = .active,
                expiresAt: Date? = nil, role: Role = .member, consentAt: Date? = nil,
                createdAt: Date = Date(), updatedAt: Date? = nil) throws {
        self.id = id
        self.name = try Names.checked(name, of: "member")
        self.externalID = try externalID.map { try Names.checked($0, of: "external id") }
        self.status = status
        self.expiresAt = expiresAt
        self.role = role
        self.consentAt = consentAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Changes the name, checked as on creation.
    public mutating func rename(to newName: String) throws {
        name = try Names.checked(newName, of: "member")
    }

    /// Changes the external id (nil removes it), checked as on creation.
    public mutating func setExternalID(_ newID: String?) throws {
        externalID = try newID.map { try Names.checked($0, of: "external id") }
    }

    /// Whether the door lets the member in at `date`, and why not.
    public func access(at date: Date = Date()) -> Access {
        switch status {
        case .suspended: return .refused(.suspended)
        case .expired: return .refused(.expired(expiresAt))
        case .active:
            if let expiresAt, expiresAt <= date { return .refused(.expired(expiresAt)) }
            return .allowed
        }
    }

    public enum Access: Sendable, Hashable {
        case allowed
        case refused(Refusal)
    }

    public enum Refusal: Sendable, Hashable, CustomStringConvertible {
        case suspended
        case expired(Date?)

        public var description: String {
            switch self {
            case .suspended: "membership suspended"
            case let .expired(date?): "membership expired on \(date.formatted(.iso8601.year().month().day()))"
            case .expired(nil): "membership expired"
            }
        }
    }
}
