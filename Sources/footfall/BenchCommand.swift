import ArgumentParser
import Faces
import Foundation

/// `footfall bench`: how fast the pieces run on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed on this machine.",
        discussion: """
            Each figure is the median of repeated runs after a warm-up. Machines that are busy \
            with other work give noisy figures: compare the ratios printed in one run.
            """,
        subcommands: [Embed.self])
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
