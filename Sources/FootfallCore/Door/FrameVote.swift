import Faces
import Foundation

/// The door decides from several frames, never from one: a face is named only when the last
/// few frames agree on the member, and called unknown only when several frames in a row show a
/// face that names nobody. A stray frame (a blink, a turned head, a passer-by) changes nothing.
///
///     var vote = FrameVote()
///     if let verdict = vote.add(.member(anna, distance: 0.41), at: now) { … }   // nil: still looking
public struct FrameVote: Sendable {
    public struct Rules: Sendable, Hashable {
        /// Frames in a row that must name the same member.
        public var agreement: Int
        /// Frames in a row that must show an unknown face.
        public var unknownAfter: Int
        /// Frames further apart than this do not count as "in a row".
        public var gap: TimeInterval

        /// At 4–8 frames a second: about half a second to welcome a member, a second to say
        /// that a face is not known.
        public init(agreement: Int = 3, unknownAfter: Int = 6, gap: TimeInterval = 1.5) {
            self.agreement = agreement
            self.unknownAfter = unknownAfter
            self.gap = gap
        }
    }

    /// What one frame showed.
    public enum Observation: Sendable, Hashable {
        case member(Member, distance: Float)
        /// A face, but nobody within the threshold.
        case unknown(FaceDescriptor)
        /// No face good enough to judge (none, too small, too dark, blurred).
        case nothing
    }

    public enum Verdict: Sendable, Hashable {
        /// The member, at the mean distance of the agreeing frames.
        case member(Member, distance: Float)
        /// Not recognised; the descriptors of the frames that said so.
        case unknown([FaceDescriptor])
    }

    public let rules: Rules
    private var streak = [Observation]()
    private var last: Date?

    public init(rules: Rules = Rules()) {
        self.rules = rules
    }

    /// Adds a frame's observation; returns a verdict when the frames so far reach one, and then
    /// starts afresh.
    public mutating func add(_ observation: Observation, at date: Date) -> Verdict? {
        if let last, date.timeIntervalSince(last) > rules.gap { streak.removeAll() }
        last = date
        guard observation != .nothing, let previous = streak.last, Self.sameKind(previous, observation) else {
            streak = observation == .nothing ? [] : [observation]
            return verdict()
        }
        streak.append(observation)
        return verdict()
    }

    private mutating func verdict() -> Verdict? {
        switch streak.last {
        case let .member(member, _)? where streak.count >= rules.agreement:
            let distances = streak.compactMap { if case let .member(_, distance) = $0 { distance } else { nil } }
            streak.removeAll()
            return .member(member, distance: distances.reduce(0, +) / Float(distances.count))
        case .unknown? where streak.count >= rules.unknownAfter:
            let descriptors = streak.compactMap { if case let .unknown(descriptor) = $0 { descriptor } else { nil } }
            streak.removeAll()
            return .unknown(descriptors)
        default:
            return nil
        }
    }

    /// The same member twice, or two unknown faces.
    private static func sameKind(_ a: Observation, _ b: Observation) -> Bool {
        switch (a, b) {
        case let (.member(first, _), .member(second, _)): first.id == second.id
        case (.unknown, .unknown): true
        default: false
        }
    }
}
