import Foundation

/// What a key or a user may do with the service. Users are `owner`, `admin` or `staff`; keys are
/// `admin`, `recognition`, `kiosk` (one door) or `viewer`.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything, users included; the first account.
    case owner
    /// Everything but other owners: members, keys, settings.
    case admin
    /// Members, the unknown-visitors inbox and reports.
    case staff
    /// CompreFace-style recognition, detection and verification, and managing subjects.
    case recognition
    /// Submitting frames for one door, nothing else.
    case kiosk
    /// Reports and events, read only.
    case viewer

    public static let userRoles: [Role] = [.owner, .admin, .staff]
    public static let keyRoles: [Role] = [.admin, .recognition, .kiosk, .viewer]
}

/// An API key: only a hash of the secret is stored, so a copy of the database opens nothing.
/// ``APIKeySecret`` makes new secrets and their hashes.
public struct APIKey: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var role: Role
    /// Hex SHA-256 of the secret (256 random bits, so a fast hash is enough).
    public var secretHash: String
    /// The one door a `kiosk` key may submit frames for; nil for every other role.
    public var doorID: UUID?
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: UUID = UUID(), name: String, role: Role, secretHash: String, doorID: UUID? = nil,
                createdAt: Date = Date(), lastUsedAt: Date? = nil) throws {
        guard Role.keyRoles.contains(role) else { throw StoreError.invalidRole(role, for: "an API key", allowed: Role.keyRoles) }
        guard (role == .kiosk) == (doorID != nil) else { throw StoreError.kioskKeyNeedsDoor }
        self.id = id
        self.name = try Names.checked(name, of: "API key")
        self.role = role
        self.secretHash = secretHash
        self.doorID = doorID
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// A person who signs in to the pages: only a slow password hash is stored.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var role: Role
    /// A self-describing password hash (algorithm, parameters, salt, hash).
    public var passwordHash: String
    public var createdAt: Date

    public init(id: UUID = UUID(), name: String, role: Role, passwordHash: String, createdAt: Date = Date()) throws {
        guard Role.userRoles.contains(role) else { throw StoreError.invalidRole(role, for: "a user", allowed: Role.userRoles) }
        self.id = id
        self.name = try Names.checked(name, of: "user")
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// Who changed what. Entries name members by id only, so deleting a member leaves no name here.
public struct AuditEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var at: Date
    /// The user, key or command that made the change (`cli`, `key:front-desk`, `user:anna`).
    public var actor: String
    public var action: String
    /// What was changed, by kind and id (`member 7D3F…`).
    public var subject: String

    public init(id: UUID = UUID(), at: Date = Date(), actor: String, action: String, subject: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
    }
}
