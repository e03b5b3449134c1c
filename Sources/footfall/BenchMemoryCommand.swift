import ArgumentParser
import Faces
import Foundation

extension BenchCommand {
    /// `footfall bench memory`: whether the pipeline's memory stays flat over many images.
    ///
    /// A leak shows as resident memory that grows with the number of images processed, so the
    /// same images are run several times (rounds) and the peak is read after each. The first
    /// round is a warm-up: it pays for the models, the first touch of every buffer and the
    /// allocator's first growth. After it, a pipeline that returns all it allocates keeps the
    /// peak level, and a leak raises it by about the same amount every round.
    struct Memory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Peak memory over repeated rounds of the pipeline, to catch leaks.",
            discussion: """
                Runs the face pipeline (MTCNN, 5 landmarks, aligned chip, ResNet descriptor), \
                or MTCNN alone with --detector-only, over the images --rounds times, --cpus \
                images at once as encode does. After each round it prints the resident memory \
                (VmRSS) and its peak so far (VmHWM) from /proc/self/status, and at the end how \
                much the peak grew per image after the first round, which loads the models \
                and warms up. The faces found are kept to the end, as encode keeps them, at \
                under a kilobyte each; without a leak the growth is near zero however many \
                images go through.

                Example: footfall bench memory ../shared/data/pairs/deepface/*.jpg --jitters 10
                """)

        @Argument(help: "Images with faces (JPEG, PNG, PGM/PPM), read anew every round.")
        var images: [String]

        @Option(help: "Average each descriptor over N jittered copies of the face, as encode --jitters does.")
        var jitters = 0

        @Flag(help: "Run MTCNN alone: no landmarks, chips or descriptors.")
        var detectorOnly = false

        @Option(help: "Passes over the images (2 or more).")
        var rounds = 4

        @OptionGroup var parallel: ParallelOptions

        func validate() throws {
            guard rounds >= 2 else { throw ValidationError("--rounds must be 2 or more: the first round is the warm-up") }
            guard jitters >= 0 else { throw ValidationError("--jitters must be 0 or more") }
            guard !(detectorOnly && jitters > 0) else { throw ValidationError("--jitters needs descriptors, not --detector-only") }
        }

        func run() async throws {
            if detectorOnly {
                let detector = try MTCNN.defaultModels()
                try await measure { path in try detector.detect(in: Image(contentsOf: path)) }
            } else {
                let pipeline = try FacePipeline(), jitters = self.jitters
                try await measure { path in try pipeline.describeFaces(in: Image(contentsOf: path), options: DescriptionOptions(jitters: jitters)) }
            }
        }

        /// Runs `work` on every image once per round and prints the memory after each round.
        ///
        /// The faces found are all kept until the end, as `encode` keeps them for its output and
        /// a service for its gallery: that is real growth, but well under a kilobyte per face.
        private func measure<Face: Sendable>(_ work: @escaping @Sendable (String) throws -> [Face]) async throws {
            print("ROUND  IMAGES   FACES  RSS MB  PEAK MB")
            var kept = [Face]()
            var afterFirstRound: ResidentMemory?
            var last = try ResidentMemory.now()
            // One pool for every round: each pool's threads keep their own scratch memory.
            let pool = parallel.pool()
            for round in 1...rounds {
                let results = await pool.map(images, progress: ProgressBar("round \(round)").update, work)
                for (path, result) in zip(images, results) {
                    switch result {
                    case .success(let faces): kept += faces
                    case .failure(let error): throw ValidationError("\(path): \(error)")
                    }
                }
                last = try ResidentMemory.now()
                if round == 1 { afterFirstRound = last }
                print(String(format: "%5d  %6d  %6d  %6.1f  %7.1f", round, round * images.count, kept.count,
                             last.megabytes(\.current), last.megabytes(\.peak)))
            }
            guard let afterFirstRound else { return }
            let laterImages = (rounds - 1) * images.count
            let growth = Double(last.peak - afterFirstRound.peak)
            print(String(format: "peak growth after round 1: %+.1f MB over %d images, %+.1f KB per image",
                         growth / 1_048_576, laterImages, growth / 1024 / Double(laterImages)))
        }
    }
}

/// This process's resident memory as the Linux kernel reports it in `/proc/self/status`.
struct ResidentMemory {
    /// Bytes resident now (`VmRSS`).
    let current: Int
    /// The most bytes resident at any time so far (`VmHWM`, the high-water mark): unlike
    /// `current`, it also catches a short peak between two readings.
    let peak: Int

    static func now() throws -> ResidentMemory {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        // Lines such as "VmHWM:\t  169144 kB".
        func bytes(_ field: String) throws -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
            guard let words = line?.split(whereSeparator: \.isWhitespace), words.count == 3, words[2] == "kB",
                  let kilobytes = Int(words[1])
            else { throw ValidationError("/proc/self/status has no \(field) line in kB: bench memory needs Linux") }
            return kilobytes * 1024
        }
        return ResidentMemory(current: try bytes("VmRSS"), peak: try bytes("VmHWM"))
    }

    func megabytes(_ field: KeyPath<ResidentMemory, Int>) -> Double {
        Double(self[keyPath: field]) / 1_048_576
    }
}
