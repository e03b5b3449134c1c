import Faces
import Foundation
import Testing
import TestSupport

/// The pipeline's parts are protocols: other landmarkers and embedders plug in, mismatched ones
/// are refused when the pipeline is built, and its async forms give the synchronous answers.
@Suite struct PipelineCompositionTests {
    static let models = ModelStore(directory: Fixtures.models)
    static let embedder = Result { try DlibResNetEmbedder(models: models) }
    static let pipeline = Result { try FacePipeline(detector: MTCNN.defaultModels(store: models), embedder: embedder.get()) }

    @Test func landmarkerMustGiveTheEmbeddersPoints() throws {
        let sixtyEight = try ShapePredictor(contentsOf: Self.models.path(for: .shapePredictor68))
        #expect(throws: PipelineError.landmarkLayoutMismatch(landmarker: .dlib68, embedder: .dlib5)) {
            try FacePipeline(detector: MTCNN.defaultModels(store: Self.models), landmarker: sixtyEight, embedder: Self.embedder.get())
        }
    }

    /// A tight crop the detector misses is described as a whole image when asked, and only then.
    @Test func wholeImageFallbackForCrops() throws {
        let blank = Image(width: 150, height: 150, channels: 1, pixels: [UInt8](repeating: 90, count: 150 * 150))
        let pipeline = try Self.pipeline.get()
        #expect(try pipeline.describeFaces(in: blank).isEmpty)
        let faces = try pipeline.describeFaces(in: blank, options: DescriptionOptions(wholeImageWhenNoFace: true))
        #expect(faces.count == 1)
        #expect(faces.first?.detection.box == Rect(x: 0, y: 0, width: 150, height: 150) && faces.first?.detection.confidence == 0)
    }

    @Test func asyncFormsMatchTheSynchronousOnes() async throws {
        let pipeline = try Self.pipeline.get()
        let path = Fixtures.data("scenes/two_people.jpg")
        let image = try Image(contentsOf: path)
        let direct = try pipeline.describeFaces(in: image)
        #expect(try await pipeline.describeFaces(in: image, on: .shared) == direct)
        let files = await pipeline.describeFaces(inFiles: [path, "/no/such/file.jpg"], on: ComputePool(threads: 2))
        #expect(try files[0].faces.get() == direct)
        #expect(throws: (any Error).self) { try files[1].faces.get() }
    }

    /// Given boxes skip detection and keep their order.
    @Test func givenBoxes() throws {
        let pipeline = try Self.pipeline.get()
        let image = try Image(contentsOf: Fixtures.data("scenes/two_people.jpg"))
        let detected = try pipeline.describeFaces(in: image)
        let boxes = detected.map(\.detection.box).reversed()
        let given = try pipeline.describeFaces(in: image, boxes: Array(boxes))
        #expect(given.map(\.detection.box) == Array(boxes))
        #expect(given.allSatisfy { $0.detection.confidence == 1 && $0.detection.landmarks == nil })
    }
}

/// The mirror average is the mean of a face and its mirror image: the same (to rounding) for a
/// chip and its mirror, and close to the plain descriptor.
@Suite struct MirrorAugmentationTests {
    @Test func mirrorAverageIsSymmetricAndClose() throws {
        let embedder = try DlibResNetEmbedder(models: ModelStore(directory: Fixtures.models))
        let chip = try Image(contentsOf: Fixtures.reference("dlib-bbt/chips/amy/amy1.png")).rgb()
        let mirror = Augmentation(mirror: true)
        let averaged = try embedder.descriptors(chips: [chip], augmentation: mirror)[0]
        let fromMirror = try embedder.descriptors(chips: [chip.oriented(.upMirrored)], augmentation: mirror)[0]
        // The two passes swap places in the batch, which changes the last bits of each:
        // measured 5.1e-7; bound 1e-6.
        #expect(fromMirror.distance(to: averaged) < 1e-6)
        let plain = try embedder.descriptors(chips: [chip])[0]
        #expect(averaged != plain)
        #expect(averaged.distance(to: plain) < 0.2)
    }
}
