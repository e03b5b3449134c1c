import Faces
import Foundation
import Testing
import TestSupport

/// The subject of a photo is the face it is of, not the detector's most confident one.
@Suite struct PhotoSubjectTests {
    static let pipeline = Result { try FacePipeline(store: ModelStore(directory: Fixtures.models)) }

    /// `scenes/obama-480p.jpg` with a bystander pasted into its top-left corner: the bystander
    /// (cut from `scenes/two_people.jpg`, scaled to 70%) is as large as Obama's face and more
    /// confident (measured 0.99999 against 0.99980), but far from the middle.
    static func portraitWithBystander() throws -> Image {
        var portrait = try Image(contentsOf: Fixtures.data("scenes/obama-480p.jpg")).rgb()
        let source = try Image(contentsOf: Fixtures.data("scenes/two_people.jpg")).rgb().cropped(x: 215, y: 7, width: 188, height: 234)
        let bystander = source.resized(width: 132, height: 164)
        portrait.paste(bystander, x: 8, y: 8)
        return portrait
    }

    @Test func subjectBeatsAMoreConfidentBystander() throws {
        let pipeline = try Self.pipeline.get()
        let image = try Self.portraitWithBystander()
        let faces = try pipeline.describeFaces(in: image)
        try #require(faces.count == 2, "expected Obama and the bystander, found \(faces.map(\.detection))")
        let obama = Rect(x: 391, y: 35, width: 106, height: 149)
        let mostConfident = try #require(try pipeline.describeFaces(in: image, options: DescriptionOptions(selection: .mostConfident)).first)
        try #require(!overlaps(mostConfident.detection.box, obama), "the bystander must be the more confident face for this test to mean anything")

        let subject = try #require(try pipeline.describeOneFace(in: image))
        #expect(overlaps(subject.face.detection.box, obama))
        #expect(subject.faceCount == 2 && !subject.isAmbiguous)
        #expect(subject.runnerUp.map { overlaps($0.box, mostConfident.detection.box) } == true)
        // The subject's descriptor is Obama's: the same as from the unaltered portrait.
        let alone = try #require(try pipeline.describeOneFace(in: Image(contentsOf: Fixtures.data("scenes/obama-480p.jpg"))))
        #expect(subject.face.descriptor.distance(to: alone.face.descriptor) < 0.1)
    }

    /// `scenes/obama.jpg` has a small face in the background (67 px, bottom edge): the subject is
    /// the portrait and the photo is not ambiguous. `scenes/two_people.jpg` shows two people of
    /// the same size at the same distance from the middle: ambiguous.
    @Test func backgroundFacesAreBystandersAndEqualFacesAreAmbiguous() throws {
        let pipeline = try Self.pipeline.get()
        let portrait = try #require(try pipeline.describeOneFace(in: Image(contentsOf: Fixtures.data("scenes/obama.jpg"))))
        #expect(portrait.faceCount == 2 && !portrait.isAmbiguous && portrait.face.detection.box.width > 200)
        let pair = try #require(try pipeline.describeOneFace(in: Image(contentsOf: Fixtures.data("scenes/two_people.jpg"))))
        #expect(pair.faceCount == 2 && pair.isAmbiguous)
    }

    /// Enrolment keeps a portrait with a bystander and refuses an ambiguous photo, naming both boxes.
    @Test func enrolmentTakesSubjectsAndRefusesAmbiguousPhotos() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-subject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("obama.jpg").path,
                                                   withDestinationPath: Fixtures.data("scenes/obama.jpg"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("pair.jpg").path,
                                                   withDestinationPath: Fixtures.data("scenes/two_people.jpg"))
        let enrolment = try await GalleryEnrolment(folder: folder.path, pipeline: Self.pipeline.get(), on: ComputePool(threads: 2))
        #expect(enrolment.gallery.names == ["obama"])
        let problem = try #require(enrolment.problems.first)
        guard case let .ambiguousSubject(path, subject, runnerUp) = problem else {
            Issue.record("expected an ambiguous subject, got \(problem)")
            return
        }
        #expect(path.hasSuffix("pair.jpg") && subject != runnerUp)
        #expect(problem.description.contains("\(Int(subject.x))") && problem.description.contains("\(Int(runnerUp.x))"))
    }

    @Test func scoreFavoursLargeCentralConfidentFaces() {
        func score(_ x: Float, _ y: Float, _ side: Float, confidence: Float = 1) -> Float {
            PhotoSubject.score(of: FaceDetection(box: Rect(x: x, y: y, width: side, height: side), confidence: confidence),
                               imageWidth: 400, imageHeight: 400)
        }
        #expect(score(150, 150, 100) > score(0, 0, 100))           // nearer the middle
        #expect(score(150, 150, 100) > score(175, 175, 50))        // larger, same centre
        #expect(score(150, 150, 100, confidence: 0.6) < score(150, 150, 100))
        #expect(score(0, 0, 400) == 1 * 1)                         // the whole image
    }

    private func overlaps(_ a: Rect, _ b: Rect) -> Bool {
        let w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x), h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        return w > 0 && h > 0 && w * h > 0.5 * min(a.width * a.height, b.width * b.height)
    }
}

private extension Image {
    /// Copies `other` (same channel count) into this image with its top-left corner at `x, y`.
    mutating func paste(_ other: Image, x: Int, y: Int) {
        var pixels = self.pixels
        for row in 0..<other.height where y + row < height {
            for column in 0..<other.width where x + column < width {
                for channel in 0..<channels {
                    pixels[((y + row) * width + x + column) * channels + channel] = other.pixels[(row * other.width + column) * channels + channel]
                }
            }
        }
        self = Image(width: width, height: height, channels: channels, pixels: pixels)
    }
}
