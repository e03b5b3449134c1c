import Foundation
import Neural
import Testing

/// The face ResNet against dlib's own descriptors, and the same network run in batches, with
/// threads, and from many callers at once.
@Suite struct DlibDescriptorTests {
    /// dlib 20.0.1's descriptors for the reference chips: only float32 summation order differs.
    /// measured worst: 4.5e-7 (3.9e-7 in an earlier build); bound: 1e-6 (was 1e-4).
    static let tolerance: Float = 1e-6
    /// Batching and threading change how sums are blocked, not what is summed.
    /// measured worst: 2.1e-7; bound: 3e-7 (was 1e-5).
    static let reorderingTolerance: Float = 3e-7

    @Test func everyReferenceChipMatchesDlib() throws {
        let model = try FaceModel.load()
        let chips = try ReferenceChip.all()
        #expect(chips.count == 63)
        let outputs = try model.outputs(forRGB: chips.map(\.pixels), rows: 150, columns: 150)
        var worst: Float = 0
        for (chip, output) in zip(chips, outputs) {
            #expect(output.count == 128)
            let difference = maxAbsoluteDifference(output, chip.descriptor)
            worst = max(worst, difference)
            #expect(difference <= Self.tolerance, "\(chip.name): max difference \(difference)")
        }
        print("descriptors of \(chips.count) dlib chips: largest per-component difference to dlib \(worst)")
    }

    @Test func aBatchGivesWhatEachChipGivesAlone() throws {
        let model = try FaceModel.load()
        let chips = Array(try ReferenceChip.load("dlib-bbt").prefix(5))
        let together = try model.outputs(forRGB: chips.map(\.pixels), rows: 150, columns: 150)
        for (chip, batched) in zip(chips, together) {
            let alone = try model.outputs(forRGB: [chip.pixels], rows: 150, columns: 150)[0]
            let twoThreads = try model.outputs(forRGB: [chip.pixels], rows: 150, columns: 150, threads: 2)[0]
            #expect(maxAbsoluteDifference(batched, alone) <= Self.reorderingTolerance, "\(chip.name)")
            #expect(maxAbsoluteDifference(twoThreads, alone) <= Self.reorderingTolerance, "\(chip.name)")
        }
        let batchedTwoThreads = try model.outputs(forRGB: chips.map(\.pixels), rows: 150, columns: 150, threads: 2)
        for (a, b) in zip(together, batchedTwoThreads) {
            #expect(maxAbsoluteDifference(a, b) <= Self.reorderingTolerance)
        }
    }

    /// One loaded model serving concurrent callers: each run has its own memory, so every caller
    /// gets exactly what a lone caller gets.
    @Test func concurrentCallersGetIdenticalResults() async throws {
        let model = try FaceModel.load()
        let chips = Array(try ReferenceChip.load("dlib-scenes").prefix(3)).map(\.pixels)
        let expected = try model.outputs(forRGB: chips, rows: 150, columns: 150)
        let results = try await withThrowingTaskGroup(of: [[Float]].self) { group in
            for task in 0..<8 {
                group.addTask {
                    try model.outputs(forRGB: chips, rows: 150, columns: 150, threads: 1 + task % 2)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results {
            for (a, b) in zip(result, expected) {
                #expect(maxAbsoluteDifference(a, b) <= Self.reorderingTolerance)
            }
        }
        let sameSettings = try await withThrowingTaskGroup(of: [[Float]].self) { group in
            for _ in 0..<4 { group.addTask { try model.outputs(forRGB: chips, rows: 150, columns: 150) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in sameSettings { #expect(result == expected) }
    }
}
