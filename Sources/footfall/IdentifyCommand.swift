import ArgumentParser
import Faces
import Foundation

/// `footfall identify`: names the faces in photos from a folder of known people, with
/// face_recognition's command-line output.
struct IdentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Name the faces in photos, given photos of known people.",
        discussion: """
            KNOWN is a folder of photos named after the person in them (obama.jpg, biden.jpg), \
            or of folders named after people holding any number of their photos \
            (obama/1.jpg, obama/2.jpg); the layouts can be mixed. Each known photo must show \
            exactly one face: photos with none or several are skipped with a warning.

            UNKNOWN is a photo or a folder of photos (searched recursively). For each face \
            found, one line "file,name" is printed, as face_recognition's CLI does: the nearest \
            known person within the tolerance, "unknown_person" when nobody is that close, and \
            "file,no_persons_found" for a photo without faces. A person's distance is the \
            distance to the nearest of their photos.

            --tolerance is a Euclidean distance between descriptors: lower is stricter. \
            Left out, it is the embedder's own: 0.6 for dlib (face_recognition's default; 0.5 \
            suits look-alike groups such as children or families), 1.128 for --embedder sface.

            With --model, KNOWN is left out: the people and the threshold come from a model \
            saved by `footfall train --out`, whose threshold was calibrated for a target \
            false-accept rate. The distance column then holds the model's score (a distance \
            for knn, class-mean and mean-distance; a margin for svm; a probability for softmax). \
            Faces are described by the embedder the model was trained with; an --embedder \
            that differs from it is refused.

            --format: csv (default) or json.

            Examples:
              footfall identify known/ party.jpg
              footfall identify known/ photos/ --show-distance --tolerance 0.5
              footfall identify known/ photos/ --format json > names.json
              footfall identify --model members.model photos/
              footfall identify known/ photos/ --embedder sface
            """)

    @Argument(help: ArgumentHelp("KNOWN, a folder of known people (person-named photos or person folders), then "
                                 + "UNKNOWN, a photo or a folder of photos to identify; only UNKNOWN with --model.",
                                 valueName: "known-and-unknown"))
    var inputs: [String]

    @Option(help: "A model from `footfall train --out`, in place of KNOWN.")
    var model: String?

    @Option(help: ArgumentHelp("Largest descriptor distance that counts as a match (default: 0.6 for dlib, 1.128 for sface).",
                               valueName: "distance"))
    var tolerance: Float?

    @Flag(help: "Add each match's distance as a third column (\"None\" for unknown_person, as face_recognition prints).")
    var showDistance = false

    @Flag(help: "Print every known person within the tolerance, nearest first, not only the nearest.")
    var allMatches = false

    @OptionGroup(title: "Known photos") var augmentation: AugmentationOptions

    @OptionGroup var parallel: ParallelOptions

    @OptionGroup var embedding: EmbedderChoice

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try output.resolved(among: [.csv, .json], standard: .csv)
        if model == nil, inputs.count != 2 { throw ValidationError("give KNOWN and UNKNOWN, or --model and UNKNOWN") }
        if model != nil, inputs.count != 1 { throw ValidationError("with --model give only UNKNOWN: the model holds the known people") }
        if model != nil, augmentation.jitters > 1 || augmentation.mirror {
            throw ValidationError("--jitters and --mirror apply to KNOWN photos: the model's people are described already")
        }
        if model != nil, allMatches { throw ValidationError("--all-matches needs KNOWN: a model names one person per face") }
        if let tolerance, !(tolerance > 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a positive number such as 0.6") }
    }

    func run() async throws {
        let format = try output.resolved(among: [.csv, .json], standard: .csv)
        let pool = parallel.pool()
        var failures = 0
        var embedding = embedding
        var loaded: RecognitionModel?
        if let model {
            let saved = try loadModel(model)
            embedding = try embedding.matching(saved.embedding, of: model)
            loaded = saved
        }
        let pipeline = try embedding.pipeline()
        let tolerance = tolerance ?? embedding.defaultTolerance
        let recogniser: any Recogniser
        var gallery: FaceGallery?
        if let loaded {
            recogniser = loaded
        } else {
            let enrolment = try await enrolKnownPeople(in: inputs[0], pipeline: pipeline, augmentation: augmentation, pool: pool)
            failures += enrolment.problems.filter { if case .unreadable = $0 { true } else { false } }.count
            gallery = enrolment.gallery
            recogniser = GalleryRecogniser(gallery: enrolment.gallery, tolerance: tolerance)
        }

        var files = [IdentifiedFile]()
        let unknown = ImageFiles.find(at: inputs[inputs.count - 1])
        for image in await pipeline.describeFaces(inFiles: unknown, on: pool, progress: ProgressBar("unknown").update) {
            switch image.faces {
            case let .failure(error):
                failures += 1
                printError("\(image.path): \(error)")
            case let .success(faces):
                files.append(IdentifiedFile(file: image.path, faces: try faces.map { face in
                    let recognition = try recogniser.recognise(face.descriptor)
                    let matches = allMatches ? gallery?.matches(for: face.descriptor, tolerance: tolerance) : nil
                    return IdentifiedFace(box: face.detection.box, recognition: recognition, allMatches: matches)
                }))
            }
        }
        if format == .json {
            print(try jsonString(files))
        } else {
            for file in files { printLines(file) }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// The model at `path`, made with whichever embedder: ``EmbedderChoice/matching(_:of:)``
    /// then decides whether faces can be described for it.
    private func loadModel(_ path: String) throws -> RecognitionModel {
        do {
            return try RecognitionModel(contentsOf: path, expecting: embedding.signature)
        } catch let RecognitionModelError.otherEmbedding(_, found, _) {
            // Left out, --embedder follows the model; given, it must agree (the error names the one to pass).
            _ = try embedding.matching(found, of: path)
            return try RecognitionModel(contentsOf: path, expecting: found)
        }
    }

    /// face_recognition's lines: `file,name[,distance]`.
    private func printLines(_ file: IdentifiedFile) {
        func line(_ name: String, _ distance: Float?) {
            let columns = [file.file, name] + (showDistance ? [distance.map { String($0) } ?? "None"] : [])
            print(columns.joined(separator: ","))
        }
        if file.faces.isEmpty { line("no_persons_found", nil) }
        for face in file.faces {
            if face.matches.isEmpty { line("unknown_person", nil) }
            for match in face.matches { line(match.name, match.distance) }
        }
    }
}

/// The named faces of one photo, as `identify --format json` prints them.
struct IdentifiedFile: Codable {
    var file: String
    var faces: [IdentifiedFace]
}

struct IdentifiedFace: Codable {
    var box: Rect
    /// The person named, or "unknown_person".
    var name: String
    /// The named person's score (a distance with KNOWN; the model's score with --model).
    var distance: Float?
    /// The named person, or with --all-matches everyone within the tolerance, nearest first.
    var matches: [FaceMatch]
    /// The recogniser's full answer: candidate, score and threshold, also for unknown faces.
    var recognition: Recognition

    init(box: Rect, recognition: Recognition, allMatches: [FaceMatch]?) {
        self.box = box
        self.recognition = recognition
        name = recognition.name ?? "unknown_person"
        distance = recognition.name != nil ? recognition.score : nil
        matches = allMatches ?? recognition.name.map { [FaceMatch(name: $0, distance: recognition.score ?? .nan)] } ?? []
    }
}
