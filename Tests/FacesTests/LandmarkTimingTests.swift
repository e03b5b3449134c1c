import Foundation
import Testing
import Faces
import TestSupport

/// Time per face of the shape predictors and of chip extraction on the reference scenes, printed
/// for the record (dlib: 0.4–0.7 ms for 5 points, 0.7–0.9 ms for 68, 0.3 ms per chip). Timings
/// are not asserted, since machines are shared; what is checked is that repeated runs agree.
@Suite(.serialized) struct LandmarkTimingTests {
    private func faces() throws -> [(image: Image, face: ReferenceFace)] {
        var images = [String: Image]()
        return try ReferenceFace.scenes().map { face in
            let image = try images[face.image] ?? Image(contentsOf: Fixtures.data(face.image))
            images[face.image] = image
            return (image, face)
        }
    }

    /// Runs `work` over every face `rounds` times; returns milliseconds per face (best round) and
    /// the results of the first and last rounds.
    private func time<T>(_ faces: [(image: Image, face: ReferenceFace)], rounds: Int,
                         _ work: (Image, ReferenceFace) throws -> T) rethrows -> (ms: Double, first: [T], last: [T]) {
        var best = Double.infinity, first = [T](), last = [T]()
        for round in 0..<rounds {
            let start = ContinuousClock.now
            let results = try faces.map { try work($0.image, $0.face) }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds * 1000 / Double(faces.count))
            if round == 0 { first = results }
            last = results
        }
        return (best, first, last)
    }

    @Test func timePerFace() throws {
        let faces = try faces()
        for (model, name) in [(5, "shape_predictor_5_face_landmarks.dat"), (68, "shape_predictor_68_face_landmarks.dat")] {
            let loadStart = ContinuousClock.now
            let predictor = try ShapePredictor(contentsOf: Fixtures.model(name))
            let load = ContinuousClock.now - loadStart
            let run = time(faces, rounds: 20) { image, face in predictor.landmarks(in: image, box: face.box) }
            #expect(run.first == run.last)
            print("\(model)-point shape predictor: \(String(format: "%.3f", run.ms)) ms per face (load \(load))")
        }
        let chips = try time(faces, rounds: 20) { image, face in
            image.faceChip(try FaceChipDetails(landmarks5: face.landmarks5))
        }
        #expect(chips.first == chips.last)
        print("face chip 150×150: \(String(format: "%.3f", chips.ms)) ms per face")
    }
}
