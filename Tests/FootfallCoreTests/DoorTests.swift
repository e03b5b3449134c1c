import Faces
import Foundation
import FootfallCore
import Testing

@Suite struct FrameVoteTests {
    let anna = try! Member(name: "Anna"), ben = try! Member(name: "Ben")
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aMemberIsNamedOnlyWhenThreeFramesInARowAgree() {
        var vote = FrameVote()
        #expect(vote.add(.member(anna, distance: 0.40), at: t0) == nil)
        #expect(vote.add(.member(ben, distance: 0.50), at: t0 + 0.2) == nil)    // a stray frame restarts the count
        #expect(vote.add(.member(anna, distance: 0.40), at: t0 + 0.4) == nil)
        #expect(vote.add(.member(anna, distance: 0.44), at: t0 + 0.6) == nil)
        #expect(vote.add(.member(anna, distance: 0.42), at: t0 + 0.8) == .member(anna, distance: (0.40 + 0.44 + 0.42) / 3))
        // Then it starts afresh.
        #expect(vote.add(.member(anna, distance: 0.4), at: t0 + 1.0) == nil)
    }

    @Test func framesTooFarApartOrWithoutAFaceDoNotCount() {
        var vote = FrameVote()
        _ = vote.add(.member(anna, distance: 0.4), at: t0)
        _ = vote.add(.member(anna, distance: 0.4), at: t0 + 0.2)
        #expect(vote.add(.member(anna, distance: 0.4), at: t0 + 5) == nil)      // past the 1.5 s gap
        _ = vote.add(.member(anna, distance: 0.4), at: t0 + 5.2)
        #expect(vote.add(.nothing, at: t0 + 5.4) == nil)
        #expect(vote.add(.member(anna, distance: 0.4), at: t0 + 5.6) == nil)
    }

    @Test func unknownTakesSixFramesInARow() {
        var vote = FrameVote()
        let face = FaceDescriptor([Float](repeating: 0.1, count: 4))
        for i in 0..<5 { #expect(vote.add(.unknown(face), at: t0 + Double(i) * 0.2) == nil) }
        #expect(vote.add(.unknown(face), at: t0 + 1.0) == .unknown([FaceDescriptor]((0..<6).map { _ in face })))
    }
}

@Suite struct DoorDeskTests {
    @Test(arguments: StoreBackend.allCases)
    func checkInsOncePerWindowRefusesLapsedMembersAndCollectsUnknowns(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let site = try Site(name: "Gym")
            try await store.save(site, by: "test")
            let door = try Door(siteID: site.id, name: "Front")
            try await store.save(door, by: "test")
            let anna = try Member(name: "Anna"), carl = try Member(name: "Carl", status: .suspended)
            try await store.enrol(anna, samples: [], by: "test")
            try await store.enrol(carl, samples: [], by: "test")
            let desk = DoorDesk(store: store, unknownThreshold: 0.6)
            let now = Date()

            let first = try await desk.decide(.member(anna, distance: 0.4), at: door, embedding: "e", now: now)
            #expect(first.outcome == .welcome && first.message == "Welcome, Anna" && first.event?.kind == .entry)
            let again = try await desk.decide(.member(anna, distance: 0.4), at: door, embedding: "e", now: now + 3600)
            #expect(again.outcome == .welcomeBack && again.event == nil)
            let nextDay = try await desk.decide(.member(anna, distance: 0.4), at: door, embedding: "e", now: now + 4 * 3600)
            #expect(nextDay.outcome == .welcome)

            let refused = try await desk.decide(.member(carl, distance: 0.3), at: door, embedding: "e", now: now)
            #expect(refused.outcome == .refused && refused.message.contains("suspended") && refused.event?.kind == .denied)

            let stranger = StoreSuiteTests.descriptor(7)
            let unknown = try await desk.decide(.unknown([stranger, stranger]), at: door, embedding: "e", now: now)
            #expect(unknown.outcome == .unknown && unknown.event?.kind == .seen)
            let sameStranger = try await desk.decide(.unknown([stranger]), at: door, embedding: "e", now: now + 60)
            #expect(sameStranger.unknownVisitorID == unknown.unknownVisitorID)
            let other = try await desk.decide(.unknown([StoreSuiteTests.descriptor(8)]), at: door, embedding: "e", now: now + 90)
            #expect(other.unknownVisitorID != unknown.unknownVisitorID)
            let inbox = try await store.unknownVisitors()
            #expect(inbox.count == 2 && inbox.first { $0.id == unknown.unknownVisitorID }?.visitCount == 2)

            let events = try await store.events(from: now - 1, to: now + 5 * 3600, site: site.id)
            #expect(events.filter { $0.kind == .entry }.count == 2 && events.filter { $0.kind == .denied }.count == 1)
            #expect(events.filter { $0.kind == .seen }.count == 3)
        }
    }
}
