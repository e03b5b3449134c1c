import Faces
import Foundation
import Testing
import TestSupport

// README: begin library example
/// Names the faces of a photo after a folder of known people (obama.jpg, biden/1.jpg, …).
func nameFaces(in photo: String, known: String) async throws -> [String] {
    let pipeline = try FacePipeline()               // MTCNN + dlib's ResNet from the model cache
    let pool = ComputePool(threads: 2)              // face work runs here, off the caller's threads

    let enrolment = try await GalleryEnrolment(folder: known, pipeline: pipeline, on: pool)
    let recogniser: any Recogniser = GalleryRecogniser(gallery: enrolment.gallery, tolerance: 0.6)

    let image = try Image(contentsOf: photo)
    return try await pipeline.describeFaces(in: image, on: pool).map { face in
        let answer = try recogniser.recognise(face.descriptor)  // name, candidate, score, threshold
        return answer.name ?? "unknown"
    }
}

/// The same pipeline assembled from its parts, with dlib's 68 landmarks on every face.
func detailedPipeline(models: ModelStore = ModelStore()) throws -> FacePipeline {
    let embedder = try DlibResNetEmbedder(models: models)
    return try FacePipeline(detector: MTCNN.defaultModels(store: models, options: MTCNN.Options(minFaceSize: 40)),
                            landmarker: embedder.shapePredictor,          // dlib's 5 points align the chip
                            embedder: embedder,
                            landmarker68: ShapePredictor(contentsOf: models.path(for: .shapePredictor68)))
}
// README: end library example

/// The library example in the README is this file's code, and it works.
@Suite struct ReadmeExampleTests {
    @Test func readmeShowsThisCode() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let example = try #require(source.components(separatedBy: "// README: begin library example\n").dropFirst().first?
            .components(separatedBy: "// README: end library example").first)
        let readme = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\nimport Faces\n\n" + example + "```"), "README's library example differs from \(#filePath)")
    }

    @Test func exampleNamesTheKnownPeople() async throws {
        let names = try await nameFaces(in: Fixtures.data("identities/knn/test/obama_and_biden.jpg"),
                                        known: Fixtures.data("identities/knn/train"))
        #expect(Set(names).isSuperset(of: ["obama", "biden"]))
    }

    @Test func assembledPipelineGivesSixtyEightLandmarks() throws {
        let pipeline = try detailedPipeline(models: ModelStore(directory: Fixtures.models))
        let faces = try pipeline.describeFaces(in: Image(contentsOf: Fixtures.data("scenes/two_people.jpg")))
        #expect(faces.count == 2)
        #expect(faces.allSatisfy { $0.landmarks68?.count == 68 && $0.alignmentLandmarks.count == 5 && $0.descriptor.count == 128 })
    }
}
