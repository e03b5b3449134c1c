import Foundation

/// Something a door saw: a CompreFace-free record of footfall.
///
/// When a member is deleted their events stay, without the member: the counts remain true and
/// nothing points at the person.
public struct Event: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var at: Date
    public var doorID: UUID
    public var kind: Kind
    public var memberID: UUID?
    public var unknownVisitorID: UUID?
    /// The match distance (lower is closer) when a face was compared with the gallery.
    public var score: Float?
    /// The camera track the event came from, for video.
    public var trackID: String?

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case entry, exit, seen, denied
    }

    public init(id: UUID = UUID(), at: Date = Date(), doorID: UUID, kind: Kind, memberID: UUID? = nil,
                unknownVisitorID: UUID? = nil, score: Float? = nil, trackID: String? = nil) {
        self.id = id
        self.at = at
        self.doorID = doorID
        self.kind = kind
        self.memberID = memberID
        self.unknownVisitorID = unknownVisitorID
        self.score = score
        self.trackID = trackID
    }
}

/// An entry paired with its exit.
public struct Visit: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var memberID: UUID?
    public var unknownVisitorID: UUID?
    public var enteredAt: Date
    /// nil while the visitor is still inside.
    public var leftAt: Date?

    public init(id: UUID = UUID(), siteID: UUID, memberID: UUID? = nil, unknownVisitorID: UUID? = nil,
                enteredAt: Date, leftAt: Date? = nil) {
        self.id = id
        self.siteID = siteID
        self.memberID = memberID
        self.unknownVisitorID = unknownVisitorID
        self.enteredAt = enteredAt
        self.leftAt = leftAt
    }

    public var isInside: Bool { leftAt == nil }

    /// Time spent inside, up to `now` for a visit still going on.
    public func dwell(now: Date = Date()) -> TimeInterval {
        (leftAt ?? now).timeIntervalSince(enteredAt)
    }
}
