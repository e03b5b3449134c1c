import Foundation
import Testing
import Faces
import TestSupport

/// Best-match and tolerance rules on hand-made descriptors, whose distances are known exactly.
@Suite struct GalleryMatchingTests {
    /// A 4-d descriptor at `x` on the first axis: distances between them are differences of x.
    private func point(_ x: Float) -> FaceDescriptor { FaceDescriptor([x, 0, 0, 0]) }

    private var gallery: FaceGallery {
        FaceGallery(people: ["ann": [point(0), point(1)], "bob": [point(2)], "cy": [point(10)]])
    }

    @Test func nearestPersonWinsByTheirNearestPhoto() throws {
        // 1.3 is 0.3 from ann's nearest photo and 0.7 from bob; ann's mean (0.5) is 0.8 away,
        // so a mean-based gallery would say bob.
        let match = try #require(gallery.bestMatch(for: point(1.3), tolerance: 0.6))
        #expect(match.name == "ann")
        #expect(abs(match.distance - 0.3) < 1e-6)
    }

    @Test func nobodyWithinToleranceGivesNil() {
        #expect(gallery.bestMatch(for: point(5), tolerance: 0.6) == nil)
        #expect(gallery.matches(for: point(5), tolerance: 0.6).isEmpty)
    }

    @Test func toleranceIsInclusive() throws {
        // 2.5 is exactly 0.5 from bob (both values are exact in binary).
        #expect(try #require(gallery.bestMatch(for: point(2.5), tolerance: 0.5)).name == "bob")
        #expect(gallery.bestMatch(for: point(2.5), tolerance: 0.49) == nil)
    }

    @Test func allMatchesAreNearestFirstOncePerPerson() {
        let matches = gallery.matches(for: point(1.6), tolerance: 1)
        #expect(matches.map(\.name) == ["bob", "ann"])
        #expect(zip(matches.map(\.distance), [Float(0.4), 0.6]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func equalDistancesGoToTheFirstName() throws {
        let tie = FaceGallery(people: ["zed": [point(0)], "amy": [point(2)]])
        #expect(try #require(tie.bestMatch(for: point(1), tolerance: 1)).name == "amy")
    }

    @Test func emptyGalleryMatchesNobody() {
        #expect(FaceGallery().bestMatch(for: point(0)) == nil)
        #expect(FaceGallery(people: ["ghost": []]).isEmpty)
    }

    @Test func descriptorsOfAnotherLengthNeverMatch() {
        #expect(gallery.bestMatch(for: FaceDescriptor([0, 0]), tolerance: 100) == nil)
    }
}

/// The face_recognition k-NN example photos: a folder per person in `train/`, and test photos of
/// those people. Expected names come from the test file names (the people they name; Jon Snow
/// is Kit Harington's role).
@Suite struct GalleryKnownPeopleTests {
    static let pipeline = Result { try FacePipeline(store: ModelStore(directory: Fixtures.models)) }
    static func enrolment() async throws -> GalleryEnrolment {
        try await GalleryEnrolment(folder: Fixtures.data("identities/knn/train"), pipeline: pipeline.get(), on: .shared)
    }

    static let expected: [String: Set<String>] = [
        "alex_lacamoire1.jpg": ["alex_lacamoire"],
        "johnsnow_test1.jpg": ["kit_harington"],
        "kit_with_rose.jpg": ["kit_harington", "rose_leslie"],
        "obama1.jpg": ["obama"],
        "obama_and_biden.jpg": ["obama", "biden"],
    ]

    @Test func personFoldersNameTheirPhotos() throws {
        let photos = try KnownImage.photos(in: Fixtures.data("identities/knn/train"))
        #expect(Set(photos.map(\.name)) == ["alex_lacamoire", "biden", "kit_harington", "obama", "rose_leslie"])
        #expect(photos.allSatisfy { $0.path.contains("/\($0.name)/") })
    }

    @Test func personNamedPhotosNameThemselves() throws {
        let photos = try KnownImage.photos(in: Fixtures.data("identities/knn/test"))
        #expect(photos.map(\.name) == ["alex_lacamoire1", "johnsnow_test1", "kit_with_rose", "obama1", "obama_and_biden"])
    }

    @Test func aFileIsNotAKnownFolder() {
        #expect(throws: GalleryError.notAFolder(Fixtures.data("identities/knn/test/obama1.jpg"))) {
            try KnownImage.photos(in: Fixtures.data("identities/knn/test/obama1.jpg"))
        }
    }

    /// Every person is enrolled; any skipped photo is skipped for its face count, not an error.
    @Test func everyPersonIsEnrolled() async throws {
        let enrolment = try await Self.enrolment()
        #expect(enrolment.gallery.names == ["alex_lacamoire", "biden", "kit_harington", "obama", "rose_leslie"])
        for problem in enrolment.problems {
            if case .unreadable = problem { Issue.record("\(problem)") }
        }
    }

    /// Each test photo's people are named at face_recognition's tolerance 0.6, and no named
    /// face gets a name the file name does not give.
    @Test(arguments: expected.keys.sorted())
    func testPhotoNamesItsPeople(_ file: String) async throws {
        let gallery = try await Self.enrolment().gallery
        let faces = try Self.pipeline.get().describeFaces(in: Image(contentsOf: Fixtures.data("identities/knn/test/\(file)")))
        let names = faces.compactMap { gallery.bestMatch(for: $0.descriptor, tolerance: 0.6)?.name }
        #expect(Set(names) == Self.expected[file], "\(file): \(names)")
        #expect(names.count == Set(names).count, "\(file): one person named twice: \(names)")
    }

    /// A known photo without a face is reported by path and enrols nobody.
    @Test func photoWithoutFaceIsReportedAndSkipped() {
        let photo = KnownImage(path: "gray.png", name: "gray")
        let enrolment = GalleryEnrolment([(photo: photo, face: .success(nil))])
        #expect(enrolment.gallery.isEmpty)
        #expect(enrolment.problems.map(\.path) == ["gray.png"])
    }
}
