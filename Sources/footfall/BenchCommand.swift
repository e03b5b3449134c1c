import ArgumentParser
import Faces
import Foundation

/// `footfall bench`: how fast the pieces run on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory on this machine.",
        discussion: """
            Each speed figure is the median of repeated runs after a warm-up. Machines that are \
            busy with other work give noisy figures: compare the ratios printed in one run. \
            `bench memory` reads the process's own resident memory, which other work does not change.
            """,
        subcommands: [Embed.self, Detect.self, Landmarks.self, Memory.self, Gallery.self, Serve.self])
}

extension BenchCommand {
    struct Embed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Face descriptors per second of the dlib ResNet, by batch size and threads.",
            discussion: """
                Runs the network on 150×150 chips of seeded noise (the work of a convolution \
                does not depend on the pixels) and compares the optimised network with the \
                same graph run layer by layer as the file describes it, without fusing affine \
                layers into convolutions.
                """)

        @Option(help: "Batch sizes to measure, comma-separated.")
        var batches = "1,16"

        @Option(help: "Thread counts to measure, comma-separated.")
        var threads = "1,2"

        @Option(help: "Seconds to spend on each configuration.")
        var seconds = 3.0

        func run() throws {
            let embedder = try DlibResNetEmbedder()
            let network = embedder.network
            let chipShape = FeatureShape(channels: 3, height: DlibResNetEmbedder.chipSize, width: DlibResNetEmbedder.chipSize)
            let gflop = Double(try network.graph.floatingPointOperations(for: chipShape)) / 1e9
            let unfused = Network(network.graph, fusingLayers: false)
            var generator = SeededGenerator(seed: 1)

            print(String(format: "dlib ResNet: %.3f GFLOP per face", gflop))
            print("BATCH  THREADS  MS/FACE  FACES/S  GFLOP/S  UNFUSED MS/FACE  SPEED-UP")
            for batch in try integers(batches, "--batches") {
                let values = (0..<batch * chipShape.count).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
                let input = Tensor(shape: TensorShape(batch: batch, sample: chipShape), values: values)
                for threadCount in try integers(threads, "--threads") {
                    let fused = try medianSeconds(budget: seconds) { _ = try network.run(input, threads: threadCount) } / Double(batch)
                    let plain = try medianSeconds(budget: seconds) { _ = try unfused.run(input, threads: threadCount) } / Double(batch)
                    print(String(format: "%5d  %7d  %7.2f  %7.1f  %7.1f  %15.2f  %7.2f×",
                                 batch, threadCount, fused * 1000, 1 / fused, gflop / fused, plain * 1000, plain / fused))
                }
            }
        }
    }
}

extension BenchCommand {
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "MTCNN frames per second by image size, on one thread and on two.",
            discussion: """
                Without image arguments, the sample photo saved at 240, 480, 720 and 1080 rows \
                (samples/obama-*.jpg beside the binary). "1 thread" is the time of one detection; \
                "2 threads" runs two detections at once, one per thread, and reports the \
                combined frames per second.

                Example: footfall bench detect ../shared/data/scenes/obama-{240p,480p,720p,1080p}.jpg
                """)

        @Argument(help: "Images to time (default: the sample photo at four sizes).")
        var images: [String] = []

        @Option(help: "Seconds to spend on each configuration.")
        var seconds = 3.0

        func run() throws {
            let detector = try MTCNN.defaultModels()
            let paths = images.isEmpty ? try ["240p", "480p", "720p", "1080p"].map { try SamplePhotos.path("obama-\($0).jpg") } : images
            let inputs = try paths.map { path in
                let image = try Image(contentsOf: path)
                return ("\((path as NSString).lastPathComponent) \(image.width)×\(image.height)", image)
            }
            print("IMAGE                              FACES  1 THREAD MS  FPS    2 THREADS FPS  SCALING")
            for (name, image) in inputs {
                let faces = try detector.detect(in: image).count
                let one = try medianSeconds(budget: seconds) { _ = try detector.detect(in: image) }
                let pair = try medianSeconds(budget: seconds) {
                    let failures = Failures()
                    DispatchQueue.concurrentPerform(iterations: 2) { _ in
                        do { _ = try detector.detect(in: image) } catch { failures.record(error) }
                    }
                    if let error = failures.first { throw error }
                }
                print(String(format: "%@  %5d  %11.1f  %5.1f  %13.1f  %6.2f×", name.padding(toLength: 33, withPad: " ", startingAt: 0),
                             faces, one * 1000, 1 / one, 2 / pair, one * 2 / pair))
            }
        }
    }
}

extension BenchCommand {
    struct Landmarks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time per face of dlib's shape predictors and of face chip alignment.",
            discussion: """
                Faces are found with MTCNN first (not timed). dlib itself takes 0.4–0.7 ms \
                (5 points), 0.7–0.9 ms (68 points) and 0.3 ms per chip on these machines.
                """)

        @Argument(help: "Images with faces (default: the sample photos two_people.jpg and obama-480p.jpg).")
        var images: [String] = []

        @Option(help: "Seconds to spend on each measurement.")
        var seconds = 2.0

        func run() throws {
            let store = ModelStore()
            let detector = try MTCNN.defaultModels(store: store)
            var faces = [(image: Image, box: Rect)]()
            let paths = images.isEmpty ? try ["two_people.jpg", "obama-480p.jpg"].map(SamplePhotos.path) : images
            for path in paths {
                let image = try Image(contentsOf: path)
                faces += try detector.detect(in: image).map { (image, detector.shapePredictorBox(for: $0)) }
            }
            guard !faces.isEmpty else { throw ValidationError("no faces found in the images") }
            let five = try ShapePredictor(contentsOf: store.path(for: .shapePredictor5))
            let sixtyEight = try ShapePredictor(contentsOf: store.path(for: .shapePredictor68))
            let landmarks = faces.map { five.landmarks(in: $0.image, box: $0.box) }
            let details = try landmarks.map { try FaceChipDetails(landmarks5: $0) }
            let perFace = 1000 / Double(faces.count)

            print("\(faces.count) faces")
            let fiveTime = medianSeconds(budget: seconds) { for face in faces { _ = five.landmarks(in: face.image, box: face.box) } }
            print(String(format: "5-point shape predictor   %6.3f ms per face", fiveTime * perFace))
            let sixtyEightTime = medianSeconds(budget: seconds) { for face in faces { _ = sixtyEight.landmarks(in: face.image, box: face.box) } }
            print(String(format: "68-point shape predictor  %6.3f ms per face", sixtyEightTime * perFace))
            let chipTime = medianSeconds(budget: seconds) { for (face, detail) in zip(faces, details) { _ = face.image.faceChip(detail) } }
            print(String(format: "150×150 face chip         %6.3f ms per face", chipTime * perFace))
        }
    }
}

/// Collects errors thrown on other threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors = [any Error]()

    func record(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}

/// Parses "1,16" into [1, 16].
func integers(_ list: String, _ option: String) throws -> [Int] {
    let values = list.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
        throw ValidationError("\(option) takes positive whole numbers separated by commas, such as 1,16")
    }
    return values.map { $0! }
}

/// The median wall time of `work` over repeated runs filling about `budget` seconds, after one
/// warm-up run (which pays for first-touch page faults and lazy set-up).
func medianSeconds(budget: Double, _ work: () throws -> Void) rethrows -> Double {
    try work()
    var times = [Double]()
    let clock = ContinuousClock(), start = clock.now
    repeat {
        let t0 = clock.now
        try work()
        times.append(seconds(clock.now - t0))
    } while seconds(clock.now - start) < budget || times.count < 3
    return times.sorted()[times.count / 2]
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
