import ArgumentParser
import Faces
import Foundation

/// `footfall encode`: 128-d descriptors of the faces in images.
struct EncodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Print the 128-d descriptor of each face.",
        discussion: """
            Each face is aligned with dlib's 5-point landmarks and described by dlib's ResNet, \
            giving the same descriptors as face_recognition.face_encodings. Two descriptors \
            closer than 0.6 (Euclidean) usually belong to the same person.

            Faces are found with MTCNN by default; give them yourself with --box (repeat it \
            for several faces), or pass already aligned 150×150 chips with --chip. With \
            --embedder sface, faces are aligned from MTCNN's points and described by SFace \
            (unit-length descriptors; same person below 1.128), and chips are 112×112.

            Every face names the embedding its descriptor comes from, the network's weight \
            file without extension (dlib_face_recognition_resnet_model_v1 or \
            face_recognition_sface_2021dec_int8bq): descriptors of different embedders must \
            never be compared.

            --format: csv (default) or json. CSV: one line per face, \
            file,x,y,width,height,v1,...,v128,embedding (a chip's box is empty). JSON: an \
            array of {file, box, descriptor, embedding: {model, dimension}}.

            Examples:
              footfall encode samples/two_people.jpg
              footfall encode photo.jpg --box 349,142,269,268
              footfall encode chips/*.png --chip --format json
              footfall encode photos/ > descriptors.csv
              footfall encode photos/ --embedder sface --format json
            """)

    @Argument(help: "Images (JPEG, PNG, PGM/PPM), or folders of them (searched recursively).")
    var images: [String]

    @Option(name: .customLong("box"), help: ArgumentHelp(
        "A face box x,y,width,height in pixels; repeat for several faces.", valueName: "x,y,w,h"))
    var boxes: [FaceBox] = []

    @Flag(help: "Treat each image as an aligned face chip (150×150; 112×112 with --embedder sface).")
    var chip = false

    @Option(help: ArgumentHelp("Which faces to describe: all, subject (the face the photo is of), most-confident or largest.",
                               valueName: "rule"))
    var face: FaceSelection = .all

    @OptionGroup var augmentation: AugmentationOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var parallel: ParallelOptions

    @OptionGroup var embedding: EmbedderChoice

    func validate() throws {
        _ = try output.resolved(among: [.csv, .json], standard: .csv)
        guard !(chip && !boxes.isEmpty) else { throw ValidationError("--box and --chip exclude each other") }
        guard face == .all || (!chip && boxes.isEmpty) else { throw ValidationError("--face chooses among detected faces: not with --box or --chip") }
    }

    func run() async throws {
        let format = try output.resolved(among: [.csv, .json], standard: .csv)
        let pipeline = try embedding.pipeline()
        let (chip, boxes, signature) = (self.chip, self.boxes.map(\.rect), pipeline.embedder.signature)
        let options = DescriptionOptions(selection: face, augmentation: augmentation.augmentation)
        let files = ImageFiles.find(at: images)
        let scanned = await parallel.pool().map(files, progress: ProgressBar("images").update) { path -> [EncodedFace] in
            let image = try Image(contentsOf: path)
            if chip {
                let descriptor = try EmbedderChoice.descriptors(ofChips: [image], by: pipeline.embedder, options: options)[0]
                return [EncodedFace(file: path, box: nil, descriptor: descriptor.values, embedding: signature)]
            }
            let faces = boxes.isEmpty ? try pipeline.describeFaces(in: image, options: options)
                                      : try pipeline.describeFaces(in: image, boxes: boxes, options: options)
            return faces.map { EncodedFace(file: path, box: $0.detection.box, descriptor: $0.descriptor.values, embedding: signature) }
        }
        var faces = [EncodedFace](), failures = 0
        for (path, result) in zip(files, scanned) {
            switch result {
            case .success(let encoded): faces += encoded
            case .failure(let error):
                failures += 1
                printError("\(path): \(error)")
            }
        }
        if format == .json {
            print(try jsonString(faces))
        } else {
            for face in faces {
                let box = face.box.map(formatBox) ?? ",,,"
                print(([face.file, box] + face.descriptor.map { String($0) } + [face.embedding.model]).joined(separator: ","))
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}

/// One line of `encode` output.
struct EncodedFace: Codable {
    var file: String
    /// nil for a chip (`--chip`).
    var box: Rect?
    var descriptor: [Float]
    /// The network the descriptor comes from.
    var embedding: EmbeddingSignature
}

/// A face box given on the command line as `x,y,width,height`.
struct FaceBox: ExpressibleByArgument {
    let rect: Rect

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x = parts[0], let y = parts[1], let w = parts[2], let h = parts[3],
              w > 0, h > 0, [x, y, w, h].allSatisfy(\.isFinite)
        else { return nil }
        rect = Rect(x: x, y: y, width: w, height: h)
    }
}
