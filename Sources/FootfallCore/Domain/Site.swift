import Faces
import Foundation

/// A gym, club or office branch: the place footfall is counted for, in its own time zone (hours
/// and days in reports are the site's local ones).
public struct Site: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    /// An IANA identifier such as `Europe/Berlin`.
    public var timeZone: String
    /// How each member's samples become the gallery's reference points at this site.
    public var enrolment: EnrolmentStrategy
    /// The distance below which a face is taken for a member; nil: calibrated on the members
    /// (``SiteCalibration``), never looser than the embedder's default.
    public var matchThreshold: Float?
    public var createdAt: Date

    public init(id: UUID = UUID(), name: String, timeZone: String = TimeZone.current.identifier,
                enrolment: EnrolmentStrategy = .all, matchThreshold: Float? = nil, createdAt: Date = Date()) throws {
        guard TimeZone(identifier: timeZone) != nil else { throw StoreError.unknownTimeZone(timeZone) }
        self.id = id
        self.name = try Names.checked(name, of: "site")
        self.timeZone = timeZone
        self.enrolment = enrolment
        self.matchThreshold = matchThreshold
        self.createdAt = createdAt
    }
}

/// An entrance of a site, with the camera or kiosk that watches it.
public struct Door: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var name: String
    public var createdAt: Date

    public init(id: UUID = UUID(), siteID: UUID, name: String, createdAt: Date = Date()) throws {
        self.id = id
        self.siteID = siteID
        self.name = try Names.checked(name, of: "door")
        self.createdAt = createdAt
    }
}

/// Names as people type them: trimmed, not empty, one line, not absurdly long.
enum Names {
    static let maximumLength = 200

    static func checked(_ name: String, of what: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= maximumLength,
              !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else { throw StoreError.invalidName(what: what, name: name) }
        return trimmed
    }
}
