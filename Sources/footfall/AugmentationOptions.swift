import ArgumentParser
import Faces

/// `--jitters`, `--seed` and `--mirror`: test-time augmentation of the descriptors a command
/// computes (slower; a little more robust).
struct AugmentationOptions: ParsableArguments {
    @Option(help: "Average each descriptor over N jittered copies of the face (dlib's num_jitters; N passes).")
    var jitters = 0

    @Option(help: "Seed for --jitters, for reproducible results.")
    var seed: UInt64 = 0

    @Flag(help: "Average each descriptor with that of the mirrored face (2 passes; jitter already mirrors).")
    var mirror = false

    func validate() throws {
        guard jitters >= 0 else { throw ValidationError("--jitters must be 0 or more") }
        guard !(mirror && jitters > 1) else { throw ValidationError("--mirror is part of --jitters already: give one of them") }
    }

    var augmentation: Augmentation { Augmentation(jitters: jitters, seed: seed, mirror: mirror) }
}
