import Foundation
import Testing
import TestSupport

/// `bench` finds its sample photos beside the binary, whatever the current folder, and times
/// each size on a photo of that size.
@Suite struct BenchDefaultsTests {
    @Test func detectBenchUsesRealPhotosOfEachSizeFromAnyFolder() throws {
        let result = try FootfallProcess.run(["bench", "detect", "--seconds", "0.01"],
                                             currentDirectory: FileManager.default.temporaryDirectory)
        #expect(result.status == 0, "\(result.standardError)")
        for size in ["427×240", "853×480", "1280×720", "1920×1080"] {
            #expect(result.standardOutput.contains(size), "\(size) missing from:\n\(result.standardOutput)")
        }
        #expect(result.lines.filter { $0.contains("obama-") }.count == 4)
    }
}
