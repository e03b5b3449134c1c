import Foundation
import FootfallCore

/// Signed-in users of the pages, by the random token in their cookie. Kept in memory: a restart
/// signs everybody out, and each node of a shared database has its own. Each session has its own
/// CSRF token, which every form carries back.
public actor Sessions {
    public struct Session: Sendable {
        public var userID: UUID
        public var name: String
        public var role: Role
        public var csrf: String
        public var expires: Date
    }

    public static let lifetime: TimeInterval = 12 * 3600
    public static let cookie = "footfall_session"
    private var sessions = [String: Session]()

    public init() {}

    /// A new session for `user`; returns its token (for the cookie).
    public func start(for user: User, now: Date = Date()) -> (token: String, session: Session) {
        sessions = sessions.filter { $0.value.expires > now }
        let token = APIKeySecret().text
        let session = Session(userID: user.id, name: user.name, role: user.role, csrf: APIKeySecret().text,
                              expires: now.addingTimeInterval(Self.lifetime))
        sessions[APIKeySecret.hash(of: token)] = session
        return (token, session)
    }

    public func session(for token: String, now: Date = Date()) -> Session? {
        guard let session = sessions[APIKeySecret.hash(of: token)], session.expires > now else { return nil }
        return session
    }

    public func end(_ token: String) {
        sessions[APIKeySecret.hash(of: token)] = nil
    }
}

/// Refuses sign-ins for a name after 5 failures within 15 minutes, until 15 minutes after the
/// last one: enough for a person who mistypes, far too slow for guessing.
public actor LoginThrottle {
    public static let allowedFailures = 5
    public static let window: TimeInterval = 15 * 60
    private var failures = [String: [Date]]()

    public init() {}

    public func isLocked(_ name: String, now: Date = Date()) -> Bool {
        recent(name, now: now).count >= Self.allowedFailures
    }

    public func failed(_ name: String, now: Date = Date()) {
        failures[name.lowercased()] = recent(name, now: now) + [now]
    }

    public func succeeded(_ name: String) {
        failures[name.lowercased()] = nil
    }

    private func recent(_ name: String, now: Date) -> [Date] {
        (failures[name.lowercased()] ?? []).filter { now.timeIntervalSince($0) < Self.window }
    }
}

/// The one-time address for creating the first owner, while the store has no users.
public actor FirstRun {
    public private(set) var token: String?

    public init(needed: Bool) {
        token = needed ? APIKeySecret().text : nil
    }

    /// Whether `presented` is the set-up token; it is used up by ``finish()``.
    public func accepts(_ presented: String?) -> Bool {
        guard let token, let presented else { return false }
        return APIKeySecret.hash(of: token) == APIKeySecret.hash(of: presented)
    }

    public func finish() { token = nil }
}
