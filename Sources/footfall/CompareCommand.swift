import ArgumentParser
import Faces
import Foundation

/// `footfall compare`: face verification — are the faces in two photos the same person?
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Tell whether two photos show the same person.",
        discussion: """
            Takes one face from each photo: its subject, the face that is large and near the \
            middle (--face most-confident or largest choose otherwise); a note on standard \
            error says when a photo has several faces. Prints the Euclidean distance between the two \
            descriptors, the threshold, and "same person" when the distance is at most \
            the threshold, else "different people". Both answers exit with 0; unreadable \
            photos or photos without a face exit with 1.

            --tolerance defaults to the embedder's own threshold: 0.6 for dlib \
            (face_recognition's default; lower it to 0.5 to be stricter with look-alikes), \
            1.128 for --embedder sface (OpenCV's, on unit-length descriptors).

            --format: text (default) or json.

            Examples:
              footfall compare id-photo.jpg selfie.jpg
              footfall compare a.jpg b.jpg --tolerance 0.5 --format json
              footfall compare a.jpg b.jpg --embedder sface
            """)

    @Argument(help: "The first photo.")
    var a: String

    @Argument(help: "The second photo.")
    var b: String

    @Option(help: ArgumentHelp("Largest descriptor distance that counts as the same person (default: 0.6 for dlib, 1.128 for sface).",
                               valueName: "distance"))
    var tolerance: Float?

    /// --tolerance, or the embedder's own threshold.
    var threshold: Float { tolerance ?? embedding.defaultTolerance }

    @OptionGroup var choice: FaceChoiceOptions

    @OptionGroup var augmentation: AugmentationOptions

    @OptionGroup var parallel: ParallelOptions

    @OptionGroup var embedding: EmbedderChoice

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try output.resolved(among: [.text, .json], standard: .text)
        if let tolerance, !(tolerance > 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a positive number such as 0.6") }
    }

    func run() async throws {
        let pipeline = try embedding.pipeline()
        let tolerance = threshold
        var chosen = [ChosenFace]()
        var failed = false
        let options = DescriptionOptions(selection: choice.face, augmentation: augmentation.augmentation)
        for image in await pipeline.describeOneFace(inFiles: [a, b], options: options, on: parallel.pool()) {
            switch image.face {
            case let .success(face?):
                if face.faceCount > 1 {
                    printError("\(image.path): \(face.faceCount) faces found; comparing the \(choice.face.rawValue) face at \(formatBox(face.face.detection.box))")
                }
                chosen.append(face)
            case .success(nil):
                printError("\(image.path): no face found")
                failed = true
            case let .failure(error):
                printError("\(image.path): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }

        let distance = chosen[0].face.descriptor.distance(to: chosen[1].face.descriptor)
        let result = Comparison(a: a, b: b, embedding: embedding.signature, distance: distance, tolerance: tolerance,
                                samePerson: distance <= tolerance,
                                facesInA: chosen[0].faceCount, facesInB: chosen[1].faceCount,
                                boxA: chosen[0].face.detection.box, boxB: chosen[1].face.detection.box)
        if try output.resolved(among: [.text, .json], standard: .text) == .json {
            print(try jsonString(result))
        } else {
            let verdict = result.samePerson ? "same person" : "different people"
            print("distance \(String(format: "%.4f", distance)), threshold \(tolerance): \(verdict)")
        }
    }
}

/// `compare --json`.
struct Comparison: Codable {
    var a: String
    var b: String
    /// The embedding both descriptors come from.
    var embedding: EmbeddingSignature
    var distance: Float
    var tolerance: Float
    var samePerson: Bool
    var facesInA: Int
    var facesInB: Int
    /// The faces compared.
    var boxA: Rect
    var boxB: Rect
}
