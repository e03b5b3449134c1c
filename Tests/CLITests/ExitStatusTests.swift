import Foundation
import Testing
import TestSupport

/// What scripts rely on: 0 for success, 1 when an input could not be read (the others are still
/// processed and printed), 64 (EX_USAGE) for a command line that makes no sense.
@Suite struct ExitStatusTests {
    @Test func unreadableImageExitsWithOneAndNamesTheFile() throws {
        let scratch = try Scratch()
        let broken = try scratch.write(Array("this is not a photo".utf8), as: "broken.jpg")
        let good = Fixtures.data("scenes/two_people.jpg")
        for command in [["detect"], ["encode"]] {
            let result = try FootfallProcess.run(command + [broken, good])
            #expect(result.status == 1, "\(command)")
            #expect(result.standardError.contains(broken), "\(command): \(result.standardError)")
            #expect(result.standardOutput.contains(good), "\(command): the readable image is still processed")
        }
        let identify = try FootfallProcess.run(["identify", Fixtures.data("identities/knn/train"), broken])
        #expect(identify.status == 1 && identify.standardError.contains(broken))
    }

    @Test(arguments: [
        ["detect"],                                             // no image
        ["detect", "a.jpg", "--min-face", "4"],                 // below MTCNN's window
        ["detect", "a.jpg", "--format", "yaml"],
        ["detect", "a.jpg", "--json", "--csv"],
        ["encode", "a.jpg", "--format", "text"],                // encode prints csv or json
        ["identify", "only-one-argument"],
        ["identify", "known", "unknown", "--tolerance", "-1"],
        ["compare", "a.jpg", "b.jpg", "--cpus", "0"],
        ["compare", "a.jpg", "b.jpg", "--face", "all"],          // compare takes one face per photo
        ["compare", "a.jpg", "b.jpg", "--mirror", "--jitters", "5"],
        ["encode", "a.jpg", "--chip", "--face", "subject"],
        ["train", "--data", "x", "--far", "2"],
        ["no-such-command"],
    ])
    func badCommandLinesExitWith64(arguments: [String]) throws {
        let result = try FootfallProcess.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    @Test func versionIsPrintedAlone() throws {
        let result = try FootfallProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.split(separator: ".").count == 3)
    }
}
