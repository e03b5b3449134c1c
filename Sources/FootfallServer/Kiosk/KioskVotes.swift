import Foundation
import FootfallCore

/// One ``FrameVote`` per door, for the frames its kiosk posts.
actor KioskVotes {
    private var votes = [UUID: FrameVote]()

    func add(_ observation: FrameVote.Observation, door: UUID, at date: Date) -> FrameVote.Verdict? {
        var vote = votes[door] ?? FrameVote()
        let verdict = vote.add(observation, at: date)
        votes[door] = vote
        return verdict
    }
}
