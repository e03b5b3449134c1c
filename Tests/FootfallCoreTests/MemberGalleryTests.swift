import Faces
import Foundation
import FootfallCore
import Testing

@Suite struct MemberGalleryTests {
    static func samples(_ member: Member, seeds: [Int]) -> [GallerySample] {
        seeds.map { GallerySample(sampleID: UUID(), member: member, descriptor: StoreSuiteTests.descriptor($0)) }
    }

    @Test func answersTheNearestMemberWithinTheThresholdAndUnknownBeyond() throws {
        let ann = try Member(name: "Ann"), ben = try Member(name: "Ben")
        let gallery = try MemberGallery(samples: Self.samples(ann, seeds: [1, 2]) + Self.samples(ben, seeds: [3]),
                                        embedding: "e", threshold: 0.6)
        #expect(gallery.referenceCount == 3 && gallery.members.map(\.name) == ["Ann", "Ben"])
        #expect(gallery.recognise(StoreSuiteTests.descriptor(2)) == .member(ann, distance: 0))
        #expect(gallery.recognise(StoreSuiteTests.descriptor(3)) == .member(ben, distance: 0))
        // A random descriptor is ~2 from any other (128 values uniform in ±0.3): unknown.
        guard case let .unknown(nearest?) = gallery.recognise(StoreSuiteTests.descriptor(99)) else {
            Issue.record("a stranger was recognised")
            return
        }
        let expected = [1, 2, 3].map { StoreSuiteTests.descriptor($0).distance(to: StoreSuiteTests.descriptor(99)) }.min()!
        #expect(abs(nearest.distance - expected) < 1e-4)
        #expect(gallery.recognise(FaceDescriptor([1, 2])) == .unknown(nearest: nil))
    }

    @Test func nearestMembersAreDistinctAndOrdered() throws {
        let people = try (0..<5).map { try Member(name: "P\($0)") }
        let samples = people.enumerated().flatMap { index, member in Self.samples(member, seeds: [index * 10, index * 10 + 1]) }
        let gallery = try MemberGallery(samples: samples, embedding: "e", threshold: 0.6)
        let query = StoreSuiteTests.descriptor(21)
        let nearest = gallery.nearestMembers(to: query, count: 3)
        #expect(nearest.count == 3 && Set(nearest.map(\.member.id)).count == 3)
        #expect(nearest.first?.member == people[2] && nearest.first?.distance == 0)
        // Brute force: each member at its nearest sample, sorted.
        let expected = people.enumerated().map { index, member in
            (member, [index * 10, index * 10 + 1].map { StoreSuiteTests.descriptor($0).distance(to: query) }.min()!)
        }.sorted { $0.1 < $1.1 }.prefix(3)
        for (got, want) in zip(nearest, expected) {
            #expect(got.member == want.0 && abs(got.distance - want.1) < 1e-4)
        }
    }

    @Test func averageStrategyKeepsOneReferencePerMember() throws {
        let ann = try Member(name: "Ann")
        let gallery = try MemberGallery(samples: Self.samples(ann, seeds: [1, 2, 3]), embedding: "e",
                                        strategy: .average, threshold: 0.6)
        #expect(gallery.referenceCount == 1)
        let mean = FaceDescriptor.mean([1, 2, 3].map { StoreSuiteTests.descriptor($0) })!
        guard case let .member(member, distance) = gallery.recognise(mean) else {
            Issue.record("the mean was not recognised")
            return
        }
        #expect(member == ann && distance < 1e-5)
    }
}
