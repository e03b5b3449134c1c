import Faces
import Foundation

/// Where a site keeps its members, their face samples, what the doors saw, and who may change it.
///
/// Two implementations share one test suite: ``SQLiteStore``, one file in the data folder (the
/// default), and ``PostgresStore``, for several sites or several Footfall nodes on one database.
/// Every method is one transaction: a member is enrolled with all its samples or not at all.
///
/// Methods that change something take the `actor` who did it, for the audit log.
public protocol Store: AnyObject, Sendable {
    // MARK: Sites and doors

    func sites() async throws -> [Site]
    /// Inserts the site, or updates the one with its id.
    func save(_ site: Site, by actor: String) async throws
    func doors(ofSite siteID: UUID?) async throws -> [Door]
    func save(_ door: Door, by actor: String) async throws

    // MARK: Members and samples

    /// Every member, by name.
    func members() async throws -> [Member]
    func member(id: UUID) async throws -> Member?
    /// Members whose name is `name` (names need not be unique), or whose external id is `name`.
    func members(named name: String) async throws -> [Member]
    /// Inserts the member (or updates the one with its id) together with `samples`, in one transaction.
    func enrol(_ member: Member, samples: [FaceSample], by actor: String) async throws
    /// Updates the member's own fields; false when there is no such member.
    @discardableResult
    func update(_ member: Member, by actor: String) async throws -> Bool
    /// Deletes the member with their samples, photos and unknown-visitor links, and detaches
    /// their events and visits, in one transaction; false when there is no such member.
    @discardableResult
    func removeMember(id: UUID, by actor: String) async throws -> Bool
    func samples(ofMember memberID: UUID) async throws -> [FaceSample]
    func sample(id: UUID) async throws -> FaceSample?
    @discardableResult
    func removeSample(id: UUID, by actor: String) async throws -> Bool
    /// Every sample of `embedding` with its member, for the in-memory gallery.
    func gallerySamples(embedding: String) async throws -> [GallerySample]
    /// Forgets photos whose retention has passed; returns how many.
    func removeExpiredPhotos(now: Date) async throws -> Int

    // MARK: Footfall

    func record(_ event: Event) async throws
    /// Events in `[from, to)`, oldest first, at the doors of `siteID` (every site for nil).
    func events(from: Date, to: Date, site siteID: UUID?) async throws -> [Event]
    /// Inserts the visit or updates the one with its id (its exit).
    func save(_ visit: Visit) async throws
    /// Visits that began in `[from, to)`, oldest first.
    func visits(from: Date, to: Date, site siteID: UUID?) async throws -> [Visit]

    // MARK: Unknown visitors

    func unknownVisitors() async throws -> [UnknownVisitor]
    func save(_ visitor: UnknownVisitor) async throws
    @discardableResult
    func removeUnknownVisitor(id: UUID, by actor: String) async throws -> Bool

    // MARK: Keys, users, audit

    func apiKeys() async throws -> [APIKey]
    func apiKey(secretHash: String) async throws -> APIKey?
    func save(_ key: APIKey, by actor: String) async throws
    @discardableResult
    func removeAPIKey(id: UUID, by actor: String) async throws -> Bool
    func users() async throws -> [User]
    func user(named name: String) async throws -> User?
    func save(_ user: User, by actor: String) async throws
    @discardableResult
    func removeUser(id: UUID, by actor: String) async throws -> Bool
    /// The latest entries, newest first.
    func auditLog(limit: Int) async throws -> [AuditEntry]

    // MARK: Changes

    /// A number that grows whenever members or samples change, here or (for a shared database)
    /// on another node: a gallery built at one generation is current while it stays the same.
    func galleryGeneration() async throws -> Int64
    /// Yields the new generation soon after the gallery changes, whoever changed it: first at
    /// once if it has already moved past `generation` (what the caller last built from), so no
    /// change between the caller's read and the subscription is missed.
    func galleryChanges(after generation: Int64) -> AsyncStream<Int64>

    /// Closes connections; the store is not used afterwards.
    func close() async throws
}

/// One sample as the gallery needs it: the descriptor and whose it is.
public struct GallerySample: Sendable, Hashable {
    public var sampleID: UUID
    public var member: Member
    public var descriptor: FaceDescriptor

    public init(sampleID: UUID, member: Member, descriptor: FaceDescriptor) {
        self.sampleID = sampleID
        self.member = member
        self.descriptor = descriptor
    }
}
