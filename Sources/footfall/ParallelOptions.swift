import ArgumentParser

/// `--cpus`, shared by every command that works through many images.
struct ParallelOptions: ParsableArguments {
    @Option(help: "Images to process at once; defaults to the number of cores.")
    var cpus = FaceScan.allCores

    func validate() throws {
        guard cpus >= 1 else { throw ValidationError("--cpus must be 1 or more") }
    }
}
