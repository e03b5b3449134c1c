import ArgumentParser
import Faces
import Foundation

/// `--cpus`, shared by every command that works through many images.
struct ParallelOptions: ParsableArguments {
    @Option(help: "Images to process at once; defaults to the number of cores.")
    var cpus = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard cpus >= 1 else { throw ValidationError("--cpus must be 1 or more") }
    }

    /// The threads the command's face work runs on: one image per thread at a time.
    func pool() -> ComputePool { ComputePool(threads: cpus) }
}
