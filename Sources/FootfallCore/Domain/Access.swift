import Foundation

/// What a key or a user may do with the service.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything, settings and keys included.
    case admin
    /// Members, the unknown-visitors inbox and reports.
    case staff
    /// Recognition only: the kiosk at the door and CompreFace recognition clients.
    case recognition
}

/// An API key: only a hash of the secret is stored, so a copy of the database opens nothing.
public struct APIKey: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var role: Role
    /// Hex SHA-256 of the secret (a long random key, so a fast hash is enough).
    public var secretHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: UUID = UUID(), name: String, role: Role, secretHash: String, createdAt: Date = Date(),
                lastUsedAt: Date? = nil) throws {
        self.id = id
        self.name = try Names.checked(name, of: "API key")
        self.role = role
        self.secretHash = secretHash
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
