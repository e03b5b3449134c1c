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

            Examples:
              footfall identify known/ party.jpg
              footfall identify known/ photos/ --show-distance --tolerance 0.5
              footfall identify known/ photos/ --json > names.json
            """)

    @Argument(help: "Folder of known people (person-named photos or person folders).")
    var known: String

    @Argument(help: "A photo or a folder of photos to identify.")
    var unknown: String

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
        guard tolerance > 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a positive number such as 0.6") }
    }

    func run() async throws {
        let pipeline = try FacePipeline()
        let photos = try KnownImage.photos(in: known)
        let scanned = await FaceScan.describe(photos.map(\.path), with: pipeline, cpus: parallel.cpus, label: "known")
        let enrolment = GalleryEnrolment(zip(photos, scanned).map { (photo: $0, faces: $1.faces) })
        var failures = 0
        for problem in enrolment.problems {
            if case .unreadable = problem { failures += 1 }
            printError("WARNING: \(problem)")
        }
        guard !enrolment.gallery.isEmpty else { throw GalleryError.noKnownFaces(known) }

        var files = [IdentifiedFile]()
        for image in await FaceScan.describe(FaceScan.imageFiles(at: unknown), with: pipeline, cpus: parallel.cpus, label: "unknown") {
            switch image.faces {
            case let .failure(error):
                failures += 1
                printError("\(image.path): \(error)")
            case let .success(faces):
                files.append(IdentifiedFile(path: image.path, faces: faces, gallery: enrolment.gallery,
                                            tolerance: tolerance, allMatches: allMatches))
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

    init(path: String, faces: [DescribedFace], gallery: FaceGallery, tolerance: Float, allMatches: Bool) {
        file = path
        self.faces = faces.map { face in
            let matches = gallery.matches(for: face.descriptor, tolerance: tolerance)
            return IdentifiedFace(box: face.detection.box, matches: allMatches ? matches : Array(matches.prefix(1)))
        }
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
