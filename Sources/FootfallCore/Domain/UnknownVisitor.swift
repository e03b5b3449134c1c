import Faces
import Foundation

/// A face the gallery did not know, seen once or several times: the inbox staff name people from.
///
/// Its descriptors are a face like a member's, so they are personal data too: naming the visitor
/// links it to the member (`memberID`) and deleting that member deletes the visitor.
public struct UnknownVisitor: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// The descriptors collected so far, latest last (a few, not every frame).
    public var descriptors: [FaceDescriptor]
    public var embedding: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var visitCount: Int
    /// Set when staff named the visitor as (or promoted it to) a member.
    public var memberID: UUID?

    public init(id: UUID = UUID(), descriptors: [FaceDescriptor], embedding: String, firstSeen: Date = Date(),
                lastSeen: Date? = nil, visitCount: Int = 1, memberID: UUID? = nil) {
        self.id = id
        self.descriptors = descriptors
        self.embedding = embedding
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen ?? firstSeen
        self.visitCount = visitCount
        self.memberID = memberID
    }
}
