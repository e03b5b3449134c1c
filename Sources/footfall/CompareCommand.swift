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
            dlib descriptors, the threshold, and "same person" when the distance is at most \
            the threshold, else "different people". Both answers exit with 0; unreadable \
            photos or photos without a face exit with 1.

            --tolerance 0.6 is face_recognition's default; lower it (0.5) to be stricter \
            with look-alikes.

            --format: text (default) or json.

            Examples:
              footfall compare id-photo.jpg selfie.jpg
              footfall compare a.jpg b.jpg --tolerance 0.5 --format json
            """)

    @Argument(help: "The first photo.")
    var a: String

    @Argument(help: "The second photo.")
    var b: String

    @Option(help: "Largest descriptor distance that counts as the same person.")
    var tolerance: Float = FaceGallery.defaultTolerance

    @OptionGroup var choice: FaceChoiceOptions

    @OptionGroup var augmentation: AugmentationOptions

    @OptionGroup var parallel: ParallelOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try output.resolved(among: [.text, .json], standard: .text)
        guard tolerance > 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a positive number such as 0.6") }
    }

    func run() async throws {
        let pipeline = try FacePipeline()
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
        let result = Comparison(a: a, b: b, distance: distance, tolerance: tolerance, samePerson: distance <= tolerance,
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
    var distance: Float
    var tolerance: Float
    var samePerson: Bool
    var facesInA: Int
    var facesInB: Int
    /// The faces compared.
    var boxA: Rect
    var boxB: Rect
}
