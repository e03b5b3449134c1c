import Faces
import Foundation
import FootfallCore
import Imaging
import Testing
import TestSupport

/// The gates on real photos: the faces of `celeb5/train` (web photos of five people) that are
/// wide enough to enrol, as they are and blurred.
@Suite struct EnrolmentGatesTests {
    static let pipeline = Result { try FacePipeline(store: ModelStore(directory: Fixtures.models)) }

    /// `image` blurred so that its face keeps only about `detail` pixels across, as an
    /// out-of-focus or shaken camera would: resampled down by that factor and back up.
    static func blurred(_ image: Image, faceWidth: Float, detail: Float) -> Image {
        let factor = max(1, faceWidth / detail)
        return image.areaResized(width: max(1, Int(Float(image.width) / factor)), height: max(1, Int(Float(image.height) / factor)))
            .resized(width: image.width, height: image.height)
    }

    struct Measured {
        var sharp: [Float] = []
        var blurred: [Float] = []
    }

    static func measure() throws -> Measured {
        let pipeline = try pipeline.get()
        var measured = Measured()
        for path in Fixtures.files(under: "identities/celeb5/train", extensions: ["jpg", "jpeg", "png"]) {
            let image = try Image(contentsOf: path)
            guard let chosen = try pipeline.describeOneFace(in: image) else { continue }
            let box = chosen.face.detection.box
            guard box.width >= EnrolmentGates().minimumFaceWidth else { continue }
            measured.sharp.append(FaceSharpness.of(box, in: image))
            measured.blurred.append(FaceSharpness.of(box, in: blurred(image, faceWidth: box.width, detail: 16)))
        }
        return measured
    }

    /// Measured: 35 faces; sharp 311–1838, blurred 13–49; the gate (100) between the two.
    @Test func theSharpnessGatePassesSharpFacesAndRefusesBlurredOnes() throws {
        let measured = try Self.measure()
        let gate = EnrolmentGates().minimumSharpness
        #expect(measured.sharp.count == 35)
        #expect(measured.sharp.allSatisfy { $0 >= gate })
        #expect(measured.blurred.allSatisfy { $0 < gate })
    }

    @Test func refusalsNameTheFigures() throws {
        let image = try Image(contentsOf: Fixtures.data("scenes/obama.jpg"))
        let chosen = try #require(try Self.pipeline.get().describeOneFace(in: image))
        let width = chosen.face.detection.box.width
        let strict = EnrolmentGates(minimumFaceWidth: width + 10)
        guard case let .failure(refusal) = strict.judge(chosen, in: image) else {
            Issue.record("a face narrower than the gate was accepted")
            return
        }
        #expect(refusal.description == "face too small: \(Int(width.rounded())) px, need \(Int(width + 10))")
        let accepted = try EnrolmentGates().judge(chosen, in: image).get()
        #expect(accepted.quality.faceWidth == width && accepted.quality.sharpness >= EnrolmentGates().minimumSharpness)
        let soft = Self.blurred(image, faceWidth: width, detail: 16)
        let blurredChoice = try #require(try Self.pipeline.get().describeOneFace(in: soft))
        guard case .failure(.blurred) = EnrolmentGates().judge(blurredChoice, in: soft) else {
            Issue.record("a blurred face was not refused as blurred")
            return
        }
        #expect(EnrolmentGates().judge(nil, in: image).failureDescription == "no face found")
    }

    @Test func yawIsSignedAndScaledByTheEyeDistance() {
        let eyes = [Point(x: 40, y: 50), Point(x: 60, y: 50)]
        let mouth = [Point(x: 42, y: 70), Point(x: 58, y: 70)]
        #expect(HeadYaw.of(mtcnnLandmarks: eyes + [Point(x: 50, y: 60)] + mouth) == 0)
        #expect(HeadYaw.of(mtcnnLandmarks: eyes + [Point(x: 60, y: 60)] + mouth) == 0.5)
        #expect(HeadYaw.of(mtcnnLandmarks: eyes + [Point(x: 45, y: 60)] + mouth) == -0.25)
        #expect(HeadYaw.of(mtcnnLandmarks: [Point(x: 1, y: 1), Point(x: 1, y: 1), Point(x: 2, y: 2)]) == nil)
    }
}

extension Result {
    var failureDescription: String? {
        if case let .failure(error) = self { return "\(error)" }
        return nil
    }
}
