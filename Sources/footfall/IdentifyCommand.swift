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

            --tolerance is a Euclidean distance between dlib descriptors: lower is stricter. \
            0.6 is face_recognition's default; 0.5 suits look-alike groups such as children \
            or families.

            With --model, KNOWN is left out: the people and the threshold come from a model \
            saved by `footfall train --out`, whose threshold was calibrated for a target \
            false-accept rate. The distance column then holds the model's score (a distance \
            for knn, class-mean and mean-distance; a margin for svm; a probability for softmax).

            Examples:
              footfall identify known/ party.jpg
              footfall identify known/ photos/ --show-distance --tolerance 0.5
              footfall identify known/ photos/ --json > names.json
              footfall identify --model members.model photos/
            """)

    @Argument(help: ArgumentHelp("KNOWN, a folder of known people (person-named photos or person folders), then "
                                 + "UNKNOWN, a photo or a folder of photos to identify; only UNKNOWN with --model.",
                                 valueName: "known-and-unknown"))
    var inputs: [String]

    @Option(help: "A model from `footfall train --out`, in place of KNOWN.")
    var model: String?

    @Option(help: "Largest descriptor distance that counts as a match.")
    var tolerance: Float = FaceGallery.defaultTolerance

    @Flag(help: "Add each match's distance as a third column (\"None\" for unknown_person, as face_recognition prints).")
    var showDistance = false

    @Flag(help: "Print every known person within the tolerance, nearest first, not only the nearest.")
    var allMatches = false

    @OptionGroup var parallel: ParallelOptions

    @Flag(help: "Print JSON: per file, each face's box, name, distance and (with --all-matches) all matches.")
    var json = false

    func validate() throws {
        if model == nil, inputs.count != 2 { throw ValidationError("give KNOWN and UNKNOWN, or --model and UNKNOWN") }
        if model != nil, inputs.count != 1 { throw ValidationError("with --model give only UNKNOWN: the model holds the known people") }
        guard tolerance > 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a positive number such as 0.6") }
    }

    func run() async throws {
        let pipeline = try FacePipeline()
        var failures = 0
        let matcher: (FaceDescriptor) throws -> [FaceMatch]
        if let model {
            let recogniser = try RecognitionModel(contentsOf: model)
            matcher = { descriptor in
                let prediction = try recogniser.predict(descriptor)
                return prediction.label.map { [FaceMatch(name: $0, distance: prediction.score)] } ?? []
            }
        } else {
            let known = inputs[0]
            let photos = try KnownImage.photos(in: known)
            let scanned = await FaceScan.describe(photos.map(\.path), with: pipeline, cpus: parallel.cpus, label: "known")
            let enrolment = GalleryEnrolment(zip(photos, scanned).map { (photo: $0, faces: $1.faces) })
            for problem in enrolment.problems {
                if case .unreadable = problem { failures += 1 }
                printError("WARNING: \(problem)")
            }
            guard !enrolment.gallery.isEmpty else { throw GalleryError.noKnownFaces(known) }
            let gallery = enrolment.gallery, tolerance = tolerance, allMatches = allMatches
            matcher = { descriptor in
                let matches = gallery.matches(for: descriptor, tolerance: tolerance)
                return allMatches ? matches : Array(matches.prefix(1))
            }
        }

        var files = [IdentifiedFile]()
        let unknown = inputs[inputs.count - 1]
        for image in await FaceScan.describe(FaceScan.imageFiles(at: unknown), with: pipeline, cpus: parallel.cpus, label: "unknown") {
            switch image.faces {
            case let .failure(error):
                failures += 1
                printError("\(image.path): \(error)")
            case let .success(faces):
                files.append(try IdentifiedFile(path: image.path, faces: faces, matcher: matcher))
            }
        }
        if json {
            print(try jsonString(files))
        } else {
            for file in files { printLines(file) }
        }
        if failures > 0 { throw ExitCode.failure }
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

/// The named faces of one photo, as `identify --json` prints them.
struct IdentifiedFile: Codable {
    var file: String
    var faces: [IdentifiedFace]

    /// `matcher` gives the known people matching a descriptor, best first.
    init(path: String, faces: [DescribedFace], matcher: (FaceDescriptor) throws -> [FaceMatch]) throws {
        file = path
        self.faces = try faces.map { face in IdentifiedFace(box: face.detection.box, matches: try matcher(face.descriptor)) }
    }
}

struct IdentifiedFace: Codable {
    /// x, y, width, height.
    var box: [Float]
    /// The nearest person within the tolerance, or "unknown_person".
    var name: String
    var distance: Float?
    /// Everyone within the tolerance, nearest first (one entry unless --all-matches).
    var matches: [FaceMatch]

    init(box: Rect, matches: [FaceMatch]) {
        self.box = [box.x, box.y, box.width, box.height]
        name = matches.first?.name ?? "unknown_person"
        distance = matches.first?.distance
        self.matches = matches
    }
}
