import Foundation
import Testing
import Faces
import TestSupport

/// The dlib shape predictors against dlib's own landmarks on the same boxes. dlib rounds its
/// landmarks to whole pixels; ours are rounded the same way and must be the very same pixels.
@Suite struct LandmarkTests {
    /// Largest per-coordinate distance between our landmarks and dlib's for every face, and how
    /// many of all the coordinates matched exactly.
    private func compare(_ predictor: ShapePredictor, faces: [ReferenceFace],
                         expected: (ReferenceFace) -> [Point]) throws -> (worst: Float, exact: Int, total: Int) {
        var worst: Float = 0, exact = 0, total = 0
        var images = [String: Image]()
        for face in faces {
            let image = try images[face.image] ?? Image(contentsOf: Fixtures.data(face.image))
            images[face.image] = image
            let ours = predictor.landmarks(in: image, box: face.box)
            let theirs = expected(face)
            #expect(ours.count == theirs.count)
            for (p, q) in zip(ours, theirs) {
                let distance = max(abs(p.x - q.x), abs(p.y - q.y))
                // measured worst: 0 px (every coordinate of 5 and 68 points); bound: 0 px (was 1 px).
                #expect(distance == 0, "\(face): \(p) vs dlib's \(q)")
                worst = max(worst, distance)
                exact += (p.x == q.x ? 1 : 0) + (p.y == q.y ? 1 : 0)
                total += 2
            }
        }
        return (worst, exact, total)
    }

    @Test func dlibRectanglesKeepTheirInclusiveCorners() {
        let box = Rect(dlibLeft: 349, top: 142, right: 617, bottom: 409)
        #expect(box == Rect(x: 349, y: 142, width: 269, height: 268))
        #expect(box.right == 617 && box.bottom == 409)
        #expect(Rect(dlibLeft: -5, top: 0, right: -5, bottom: 0).width == 1)
    }

    @Test func fivePointsMatchDlibOnGrayCrops() throws {
        let predictor = try ShapePredictor(contentsOf: Fixtures.model("shape_predictor_5_face_landmarks.dat"))
        #expect(predictor.landmarkCount == 5)
        let faces = try ReferenceFace.bbt()
        #expect(faces.count == 40)
        let result = try compare(predictor, faces: faces) { $0.landmarks5 }
        print("5 points, bbt: \(result.exact)/\(result.total) coordinates exact, worst \(result.worst) px")
    }

    @Test func fivePointsMatchDlibOnScenes() throws {
        let predictor = try ShapePredictor(contentsOf: Fixtures.model("shape_predictor_5_face_landmarks.dat"))
        let faces = try ReferenceFace.scenes()
        #expect(faces.count >= 13)
        let result = try compare(predictor, faces: faces) { $0.landmarks5 }
        print("5 points, scenes: \(result.exact)/\(result.total) coordinates exact, worst \(result.worst) px")
    }

    @Test func sixtyEightPointsMatchDlibOnScenes() throws {
        let predictor = try ShapePredictor(contentsOf: Fixtures.model("shape_predictor_68_face_landmarks.dat"))
        #expect(predictor.landmarkCount == 68)
        let faces = try ReferenceFace.scenes()
        let result = try compare(predictor, faces: faces) { $0.landmarks68 ?? [] }
        print("68 points, scenes: \(result.exact)/\(result.total) coordinates exact, worst \(result.worst) px")
    }

    @Test func grayImageGivesTheLandmarksOfItsRGBConversion() throws {
        let predictor = try ShapePredictor(contentsOf: Fixtures.model("shape_predictor_5_face_landmarks.dat"))
        for face in try ReferenceFace.bbt().prefix(8) {
            let gray = try Image(contentsOf: Fixtures.data(face.image))
            try #require(gray.channels == 1)
            #expect(predictor.landmarks(in: gray, box: face.box) == predictor.landmarks(in: gray.rgb(), box: face.box))
        }
    }

    @Test func unroundedLandmarksRoundToDlibs() throws {
        let predictor = try ShapePredictor(contentsOf: Fixtures.model("shape_predictor_5_face_landmarks.dat"))
        for face in try ReferenceFace.bbt().prefix(8) {
            let image = try Image(contentsOf: Fixtures.data(face.image))
            let exact = predictor.landmarks(in: image, box: face.box, rounded: false)
            for (p, q) in zip(exact, face.landmarks5) {
                #expect(abs(p.x - q.x) <= 0.5 && abs(p.y - q.y) <= 0.5, "\(face): \(p) vs dlib's \(q)")
            }
        }
    }

    @Test func missingTruncatedOrForeignFilesAreTypedErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-landmark-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let missing = folder.appendingPathComponent("absent.dat").path
        #expect {
            try ShapePredictor(contentsOf: missing)
        } throws: { error in
            guard case .missingFile(missing) = error as? ShapePredictorError else { return false }
            return "\(error)".contains("footfall models install")
        }

        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.model("shape_predictor_5_face_landmarks.dat")))
        for length in [0, 1, 100, original.count / 2, original.count - 1] {
            let truncated = folder.appendingPathComponent("truncated-\(length).dat")
            try original.prefix(length).write(to: truncated)
            #expect(throws: ShapePredictorError.self, "cut at \(length) bytes") {
                try ShapePredictor(contentsOf: truncated.path)
            }
        }

        // A dlib file of another kind: the face recognition network.
        #expect {
            try ShapePredictor(contentsOf: Fixtures.model("dlib_face_recognition_resnet_model_v1.dat"))
        } throws: { error in
            guard case .malformed = error as? ShapePredictorError else { return false }
            return true
        }
    }
}
