import Faces
import Foundation
import FootfallCore
import Testing

/// One suite for every store: what a site relies on, run against each back end.
@Suite struct StoreSuiteTests {
    static func descriptor(_ seed: Int, dimension: Int = 128) -> FaceDescriptor {
        var generator = SeededGenerator(seed: UInt64(seed))
        return FaceDescriptor((0..<dimension).map { _ in Float.random(in: -0.3...0.3, using: &generator) })
    }

    static let quality = SampleQuality(faceWidth: 120, sharpness: 200, yaw: 0.05, confidence: 0.99)

    static func sample(of member: Member, seed: Int, embedding: String = "test-embedding", photo: Data? = nil,
                       expires: Date? = nil) -> FaceSample {
        FaceSample(memberID: member.id, descriptor: descriptor(seed), embedding: embedding, quality: quality,
                   source: .photo, photo: photo, photoExpiresAt: expires)
    }

    @Test(arguments: StoreBackend.allCases)
    func sitesAndDoorsRoundTrip(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let site = try Site(name: "Riverside", timeZone: "Europe/London", enrolment: .clusters(threshold: 0.4),
                                matchThreshold: 0.55)
            try await store.save(site, by: "test")
            let door = try Door(siteID: site.id, name: "Front")
            try await store.save(door, by: "test")
            let sites = try await store.sites()
            #expect(sites.count == 1)
            #expect(sites.first?.id == site.id && sites.first?.enrolment == .clusters(threshold: 0.4))
            #expect(sites.first?.matchThreshold == 0.55 && sites.first?.timeZone == "Europe/London")
            #expect(try await store.doors(ofSite: site.id).map(\.name) == ["Front"])
            #expect(try await store.doors(ofSite: UUID()).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func enrolmentKeepsDescriptorsBitForBit(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ada = try Member(name: "Ada Lovelace", externalID: "M-001", role: .member, consentAt: Date())
            let samples = [Self.sample(of: ada, seed: 1), Self.sample(of: ada, seed: 2)]
            try await store.enrol(ada, samples: samples, by: "test")

            let stored = try await store.samples(ofMember: ada.id)
            #expect(Set(stored.map(\.descriptor)) == Set(samples.map(\.descriptor)))
            #expect(stored.allSatisfy { $0.quality == Self.quality && $0.embedding == "test-embedding" && $0.photo == nil })
            #expect(try await store.member(id: ada.id)?.externalID == "M-001")
            #expect(try await store.sample(id: samples[1].id)?.descriptor == samples[1].descriptor)
            #expect(try await store.sample(id: UUID()) == nil)
            #expect(try await store.members(named: "Ada Lovelace").map(\.id) == [ada.id])
            #expect(try await store.members(named: "M-001").map(\.id) == [ada.id])
            #expect(try await store.gallerySamples(embedding: "test-embedding").count == 2)
            #expect(try await store.gallerySamples(embedding: "other-model").isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func statusChangesDecideAccess(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var bob = try Member(name: "Bob", expiresAt: Date().addingTimeInterval(3600))
            try await store.enrol(bob, samples: [Self.sample(of: bob, seed: 3)], by: "test")
            #expect(try await store.member(id: bob.id)?.access() == .allowed)
            bob.status = .suspended
            #expect(try await store.update(bob, by: "test"))
            #expect(try await store.member(id: bob.id)?.access() == .refused(.suspended))
            #expect(try await !store.update(try Member(name: "Nobody"), by: "test"))
            let lapsed = try Member(name: "Cy", expiresAt: Date().addingTimeInterval(-60))
            #expect(lapsed.access() == .refused(.expired(lapsed.expiresAt)))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func removingAMemberLeavesOnlyAnonymousCounts(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let site = try Site(name: "Main", timeZone: "UTC")
            try await store.save(site, by: "test")
            let door = try Door(siteID: site.id, name: "Door")
            try await store.save(door, by: "test")
            let eve = try Member(name: "Eve Example")
            try await store.enrol(eve, samples: [Self.sample(of: eve, seed: 4, photo: Data([1, 2, 3]), expires: Date().addingTimeInterval(60))], by: "test")
            let named = UnknownVisitor(descriptors: [Self.descriptor(5)], embedding: "test-embedding", memberID: eve.id)
            let stranger = UnknownVisitor(descriptors: [Self.descriptor(6)], embedding: "test-embedding")
            try await store.save(named)
            try await store.save(stranger)
            let entered = Date().addingTimeInterval(-600)
            try await store.record(Event(at: entered, doorID: door.id, kind: .entry, memberID: eve.id, score: 0.3))
            try await store.save(Visit(siteID: site.id, memberID: eve.id, enteredAt: entered))

            #expect(try await store.removeMember(id: eve.id, by: "test"))
            #expect(try await store.member(id: eve.id) == nil)
            #expect(try await store.samples(ofMember: eve.id).isEmpty)
            #expect(try await store.unknownVisitors().map(\.id) == [stranger.id])
            let events = try await store.events(from: entered.addingTimeInterval(-1), to: Date(), site: site.id)
            #expect(events.count == 1 && events.first?.memberID == nil && events.first?.kind == .entry)
            let visits = try await store.visits(from: entered.addingTimeInterval(-1), to: Date(), site: nil)
            #expect(visits.count == 1 && visits.first?.memberID == nil)
            let audit = try await store.auditLog(limit: 100)
            #expect(audit.contains { $0.action == "member removed" })
            #expect(!audit.contains { $0.subject.contains("Eve") || $0.action.contains("Eve") })
            #expect(try await !store.removeMember(id: eve.id, by: "test"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func galleryGenerationMovesAndIsAnnounced(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let before = try await store.galleryGeneration()
            let fay = try Member(name: "Fay")
            try await store.enrol(fay, samples: [Self.sample(of: fay, seed: 7)], by: "test")
            let after = try await store.galleryGeneration()
            #expect(after > before)
            // Subscribed after the change, from the generation read before it: still announced.
            #expect(await firstValue(of: store.galleryChanges(after: before), within: .seconds(2)) == after)
            try await store.removeMember(id: fay.id, by: "test")
            let removed = try await store.galleryGeneration()
            #expect(removed > after)
            #expect(await firstValue(of: store.galleryChanges(after: after), within: .seconds(2)) == removed)
            #expect(await firstValue(of: store.galleryChanges(after: removed), within: .milliseconds(300)) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func footfallEventsAndVisitsBySite(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let north = try Site(name: "North", timeZone: "UTC"), south = try Site(name: "South", timeZone: "UTC")
            try await store.save(north, by: "test")
            try await store.save(south, by: "test")
            let northDoor = try Door(siteID: north.id, name: "N"), southDoor = try Door(siteID: south.id, name: "S")
            try await store.save(northDoor, by: "test")
            try await store.save(southDoor, by: "test")
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for minute in 0..<10 {
                let door = minute.isMultiple(of: 2) ? northDoor : southDoor
                try await store.record(Event(at: start.addingTimeInterval(Double(minute) * 60), doorID: door.id,
                                             kind: minute < 5 ? .entry : .exit, trackID: "t\(minute)"))
            }
            let all = try await store.events(from: start, to: start.addingTimeInterval(600), site: nil)
            #expect(all.map(\.trackID) == (0..<10).map { "t\($0)" })
            let north5 = try await store.events(from: start, to: start.addingTimeInterval(300), site: north.id)
            #expect(north5.map(\.trackID) == ["t0", "t2", "t4"])

            var visit = Visit(siteID: north.id, enteredAt: start)
            try await store.save(visit)
            #expect(try await store.visits(from: start, to: start.addingTimeInterval(1), site: north.id).first?.isInside == true)
            visit.leftAt = start.addingTimeInterval(1800)
            try await store.save(visit)
            let stored = try await store.visits(from: start, to: start.addingTimeInterval(1), site: north.id)
            #expect(stored.count == 1 && stored.first?.dwell() == 1800)
            #expect(try await store.visits(from: start, to: start.addingTimeInterval(1), site: south.id).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func unknownVisitorsKeepEveryDescriptor(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var visitor = UnknownVisitor(descriptors: [Self.descriptor(8), Self.descriptor(9)], embedding: "test-embedding")
            try await store.save(visitor)
            visitor.descriptors.append(Self.descriptor(10))
            visitor.visitCount = 2
            try await store.save(visitor)
            let stored = try await store.unknownVisitors()
            #expect(stored.count == 1)
            #expect(stored.first?.descriptors == [Self.descriptor(8), Self.descriptor(9), Self.descriptor(10)])
            #expect(stored.first?.visitCount == 2)
            #expect(try await store.removeUnknownVisitor(id: visitor.id, by: "test"))
            #expect(try await store.unknownVisitors().isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func keysAndUsersAreFoundByTheirHashAndName(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let key = try APIKey(name: "front desk", role: .recognition, secretHash: String(repeating: "ab", count: 32))
            try await store.save(key, by: "test")
            #expect(try await store.apiKey(secretHash: key.secretHash)?.id == key.id)
            #expect(try await store.apiKey(secretHash: "00") == nil)
            let site = try Site(name: "Keys site")
            try await store.save(site, by: "test")
            let door = try Door(siteID: site.id, name: "Front")
            try await store.save(door, by: "test")
            let kiosk = try APIKey(name: "kiosk", role: .kiosk, secretHash: String(repeating: "cd", count: 32), doorID: door.id)
            try await store.save(kiosk, by: "test")
            #expect(try await store.apiKey(secretHash: kiosk.secretHash)?.doorID == door.id)
            #expect(throws: StoreError.kioskKeyNeedsDoor) { try APIKey(name: "k", role: .kiosk, secretHash: "ef") }
            #expect(throws: StoreError.self) { try APIKey(name: "k", role: .owner, secretHash: "ef") }
            let anna = try User(name: "anna", role: .staff, passwordHash: "pbkdf2-sha256$1$salt$hash")
            try await store.save(anna, by: "test")
            #expect(try await store.user(named: "anna")?.role == .staff)
            #expect(try await store.users().map(\.name) == ["anna"])
            // A second user of the same name is refused by the database, not silently merged.
            await #expect(throws: (any Error).self) {
                try await store.save(try User(name: "anna", role: .admin, passwordHash: "x"), by: "test")
            }
            #expect(try await store.removeUser(id: anna.id, by: "test"))
            #expect(try await store.users().isEmpty)
            #expect(try await store.removeUser(id: anna.id, by: "test") == false)
            #expect(try await store.removeAPIKey(id: key.id, by: "test"))
            #expect(try await store.apiKeys().map(\.id) == [kiosk.id])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func photosAreForgottenWhenTheirRetentionEnds(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let gil = try Member(name: "Gil")
            let now = Date()
            try await store.enrol(gil, samples: [
                Self.sample(of: gil, seed: 11, photo: Data([9, 9, 9]), expires: now.addingTimeInterval(-1)),
                Self.sample(of: gil, seed: 12, photo: Data([8, 8]), expires: now.addingTimeInterval(3600)),
            ], by: "test")
            #expect(try await store.removeExpiredPhotos(now: now) == 1)
            let photos = try await store.samples(ofMember: gil.id).compactMap(\.photo)
            #expect(photos == [Data([8, 8])])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func liveGalleryFollowsEnrolmentAndRemoval(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let site = try Site(name: "Gym", timeZone: "UTC", matchThreshold: 0.5)
            try await store.save(site, by: "test")
            let live = try await LiveGallery(store: store, site: site, embedding: "test-embedding")
            let following = Task { await live.follow() }
            defer { following.cancel() }
            #expect(await live.current.referenceCount == 0)

            let hal = try Member(name: "Hal")
            try await store.enrol(hal, samples: [Self.sample(of: hal, seed: 13)], by: "test")
            // Compared by id: stored dates come back rounded (milliseconds in SQLite, microseconds in PostgreSQL).
            #expect(try await eventually(within: .seconds(2)) {
                guard case let .member(member, distance) = await live.current.recognise(Self.descriptor(13)) else { return false }
                return member.id == hal.id && distance == 0
            })
            #expect(await live.current.threshold == 0.5)
            try await store.removeMember(id: hal.id, by: "test")
            #expect(try await eventually(within: .seconds(2)) { await live.current.referenceCount == 0 })
        }
    }
}
