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

@Suite struct DoorCountsTests {
    @Test func entriesFallIntoTheSitesOwnHoursAndDays() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Noon on 3 December 2026 in New York (17:00 UTC).
        let now = try #require(calendar.date(from: DateComponents(year: 2026, month: 12, day: 3, hour: 12)))
        let door = UUID(), anna = UUID(), ben = UUID(), stranger = UUID()
        let events = [
            Event(at: now - 3 * 3600, doorID: door, kind: .entry, memberID: anna),          // 09:00 today
            Event(at: now - 3 * 3600 + 60, doorID: door, kind: .entry, memberID: ben),      // 09:01 today
            Event(at: now - 86400, doorID: door, kind: .entry, memberID: anna),             // yesterday
            Event(at: now - 13 * 3600, doorID: door, kind: .entry, memberID: ben),          // 23:00 yesterday (04:00 UTC today)
            Event(at: now - 600, doorID: door, kind: .seen, unknownVisitorID: stranger),
            Event(at: now - 300, doorID: door, kind: .denied, memberID: UUID()),
            Event(at: now - 40 * 86400, doorID: door, kind: .entry, memberID: anna),        // before the period
        ]
        let counts = DoorCounts(events: events, days: 30, now: now, timeZone: zone)
        #expect(counts.entriesByHour[9] == 2 && counts.entriesByHour.reduce(0, +) == 2)
        #expect(counts.entriesByDay.count == 30 && counts.entriesByDay.last?.entries == 2 && counts.entriesByDay[28].entries == 2)
        #expect(counts.entriesByDay.map(\.entries).reduce(0, +) == 4)
        #expect(counts.membersToday == 2 && counts.returningToday == 2 && counts.unknownToday == 1 && counts.deniedToday == 1)
        #expect(calendar.component(.hour, from: try #require(counts.entriesByDay.last?.day)) == 0)
    }
}
