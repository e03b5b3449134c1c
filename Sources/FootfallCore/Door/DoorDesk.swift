import Faces
import Foundation

/// What the door does with a verdict: lets an active member in (one check-in per member per
/// session window, however often they pass the kiosk), turns away a suspended or expired one
/// with the reason, and puts an unknown face into the unknown-visitors inbox. Every decision is
/// an event in the store, so the dashboard and reports see it.
public struct DoorDesk: Sendable {
    public let store: any Store
    /// A member checked in within this long is welcomed back without a second entry.
    public var sessionWindow: TimeInterval
    /// Unknown faces this close to a visitor already in the inbox are the same visitor.
    public var unknownThreshold: Float
    /// Descriptors kept per unknown visitor (the latest).
    public static let descriptorsPerVisitor = 10

    public init(store: any Store, sessionWindow: TimeInterval = 3 * 3600, unknownThreshold: Float) {
        self.store = store
        self.sessionWindow = sessionWindow
        self.unknownThreshold = unknownThreshold
    }

    public struct Decision: Sendable, Hashable {
        public enum Outcome: String, Sendable, Hashable, Codable {
            /// Checked in now.
            case welcome
            /// Already checked in within the session window.
            case welcomeBack = "welcome-back"
            /// Recognised, and refused.
            case refused
            /// Not recognised.
            case unknown
        }

        public var outcome: Outcome
        /// What the kiosk shows, in a sentence.
        public var message: String
        public var member: Member?
        public var event: Event?
        public var unknownVisitorID: UUID?
    }

    public func decide(_ verdict: FrameVote.Verdict, at door: Door, embedding: String, now: Date = Date()) async throws -> Decision {
        switch verdict {
        case let .member(member, distance):
            switch member.access(at: now) {
            case let .refused(reason):
                let event = Event(at: now, doorID: door.id, kind: .denied, memberID: member.id, score: distance)
                try await store.record(event)
                return Decision(outcome: .refused, message: Self.refusalMessage(reason), member: member, event: event)
            case .allowed:
                let since = now.addingTimeInterval(-sessionWindow)
                let earlier = try await store.events(from: since, to: now.addingTimeInterval(1), site: door.siteID)
                if earlier.contains(where: { $0.kind == .entry && $0.memberID == member.id }) {
                    return Decision(outcome: .welcomeBack, message: "Welcome back, \(member.name)", member: member)
                }
                let event = Event(at: now, doorID: door.id, kind: .entry, memberID: member.id, score: distance)
                try await store.record(event)
                return Decision(outcome: .welcome, message: "Welcome, \(member.name)", member: member, event: event)
            }
        case let .unknown(descriptors):
            let visitor = try await joinInbox(descriptors, embedding: embedding, now: now)
            let event = Event(at: now, doorID: door.id, kind: .seen, unknownVisitorID: visitor.id)
            try await store.record(event)
            return Decision(outcome: .unknown, message: "Not recognised — please see the front desk", event: event,
                            unknownVisitorID: visitor.id)
        }
    }

    static func refusalMessage(_ reason: Member.Refusal) -> String {
        switch reason {
        case .expired: "Membership expired — please see the front desk"
        case .suspended: "Membership suspended — please see the front desk"
        }
    }

    /// The inbox visitor these descriptors belong to (the nearest within the threshold, by the
    /// mean of the frames), or a new one; seen once more either way.
    private func joinInbox(_ descriptors: [FaceDescriptor], embedding: String, now: Date) async throws -> UnknownVisitor {
        guard let face = FaceDescriptor.mean(descriptors) else { throw StoreError.corruptDescriptor(bytes: 0) }
        let candidates = try await store.unknownVisitors().filter { $0.embedding == embedding && $0.memberID == nil }
        let nearest = candidates.map { visitor in (visitor, visitor.descriptors.map { $0.distance(to: face) }.min() ?? .infinity) }
            .min { $0.1 < $1.1 }
        var visitor: UnknownVisitor
        if let (known, distance) = nearest, distance <= unknownThreshold {
            visitor = known
            visitor.descriptors = Array((visitor.descriptors + [face]).suffix(Self.descriptorsPerVisitor))
            visitor.lastSeen = now
            visitor.visitCount += 1
        } else {
            visitor = UnknownVisitor(descriptors: [face], embedding: embedding, firstSeen: now)
        }
        try await store.save(visitor)
        return visitor
    }
}
