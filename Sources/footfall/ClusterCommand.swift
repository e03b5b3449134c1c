import ArgumentParser
import Faces
import Foundation

/// `footfall cluster`: group unlabelled faces by person.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group the faces in a folder of images by person (Chinese whispers).",
        discussion: """
            Every face found becomes a node; faces whose descriptors are closer than \
            --threshold (0.5 for dlib, as in dlib's example; 0.94 for --embedder sface, the same \
            share of its same-person distance) are joined, and dlib's Chinese whispers clustering (100 passes in a \
            seeded random order) groups them. Clusters are numbered by size, largest first. \
            Prints one line per face: cluster,file,x,y,width,height.

            --crops treats images as face crops: where the detector finds no face, the whole \
            image is described. --ari reads each image's folder name as its true person and \
            prints the adjusted Rand index of the clusters against it.

            --format: csv (default) or json.

            Examples:
              footfall cluster photos/ --out by-person/
              footfall cluster ../shared/data/identities/bbt --crops --ari
              footfall cluster photos/ --embedder sface
            """)

    @Argument(help: "A folder of images (searched recursively) or image files.")
    var inputs: [String]

    @Option(help: ArgumentHelp("Largest descriptor distance that joins two faces (default: 0.5 for dlib, 0.94 for sface).",
                               valueName: "distance"))
    var threshold: Float?

    /// dlib's example clusters its descriptors at 0.5.
    static let dlibThreshold: Float = 0.5

    @Option(help: "Seed of the random visiting order, for reproducible clusters.")
    var seed: UInt64 = 0

    @Option(help: "Copy each image into DIR/cluster_N/ for every cluster its faces fall in.")
    var out: String?

    @Flag(help: "With --out, make symbolic links instead of copies.")
    var link = false

    @Flag(help: "Images are face crops: describe the whole image where no face is detected.")
    var crops = false

    @Flag(help: "Report the adjusted Rand index against the images' folder names.")
    var ari = false

    @OptionGroup var parallel: ParallelOptions

    @OptionGroup var embedding: EmbedderChoice

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try output.resolved(among: [.csv, .json], standard: .csv)
        if let threshold, !(threshold > 0 && threshold.isFinite) { throw ValidationError("--threshold must be a positive number such as 0.5") }
        guard out != nil || !link else { throw ValidationError("--link needs --out") }
    }

    func run() async throws {
        let pipeline = try embedding.pipeline()
        let threshold = threshold ?? embedding.scaled(fromDlib: Self.dlibThreshold)
        let files = ImageFiles.find(at: inputs)
        var faces = [ClusteredFace](), descriptors = [FaceDescriptor](), withoutFace = [String]()
        var failures = 0
        let options = DescriptionOptions(wholeImageWhenNoFace: crops)
        for scanned in await pipeline.describeFaces(inFiles: files, options: options, on: parallel.pool(),
                                                    progress: ProgressBar("faces").update) {
            do {
                let found = try scanned.faces.get()
                if found.isEmpty { withoutFace.append(scanned.path) }
                for face in found {
                    faces.append(ClusteredFace(cluster: 0, file: scanned.path, box: face.detection.box))
                    descriptors.append(face.descriptor)
                }
            } catch {
                failures += 1
                printError("\(scanned.path): \(error)")
            }
        }
        for file in withoutFace { printError("\(file): no face found") }

        let labels = ChineseWhispers(seed: seed).clusters(of: descriptors, threshold: threshold)
        for index in faces.indices { faces[index].cluster = labels[index] }
        let score = ari ? try adjustedRandIndex(labels, faces.map { ($0.file as NSString).deletingLastPathComponent }) : nil
        if let out { try write(faces, to: out) }

        if try output.resolved(among: [.csv, .json], standard: .csv) == .json {
            print(try jsonString(ClusterReport(clusters: Set(labels).count, embedding: embedding.signature, threshold: threshold, faces: faces,
                                               filesWithoutFace: withoutFace, adjustedRandIndex: score)))
        } else {
            for face in faces {
                print([String(face.cluster), face.file, formatBox(face.box)].joined(separator: ","))
            }
            printError("\(faces.count) faces in \(Set(labels).count) clusters at threshold \(threshold)")
            if let score { printError("adjusted Rand index against folder names: \(String(format: "%.4f", score))") }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// One folder per cluster; an image with faces in several clusters goes into each. Names keep
    /// the image's path below the input, flattened, so that equal file names do not collide.
    private func write(_ faces: [ClusteredFace], to folder: String) throws {
        let manager = FileManager.default
        var written = Set<String>()
        for face in faces {
            let directory = (folder as NSString).appendingPathComponent("cluster_\(face.cluster)")
            let name = face.file.split(separator: "/").suffix(2).joined(separator: "_")
            let target = (directory as NSString).appendingPathComponent(name)
            guard written.insert(target).inserted else { continue }
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
            if link {
                try manager.createSymbolicLink(atPath: target, withDestinationPath: URL(fileURLWithPath: face.file).path)
            } else {
                try manager.copyItem(atPath: face.file, toPath: target)
            }
        }
    }
}

/// One face and the cluster it fell in, as `cluster --json` prints it.
struct ClusteredFace: Codable {
    var cluster: Int
    var file: String
    var box: Rect
}

struct ClusterReport: Codable {
    var clusters: Int
    var embedding: EmbeddingSignature
    var threshold: Float
    var faces: [ClusteredFace]
    var filesWithoutFace: [String]
    var adjustedRandIndex: Double?
}
