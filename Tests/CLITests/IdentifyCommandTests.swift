import Foundation
import Testing
import TestSupport

/// `footfall identify` prints face_recognition's CSV: `file,name[,distance]`, with
/// `unknown_person` for a face nobody matches and `no_persons_found` for a photo without faces.
@Suite struct IdentifyCommandTests {
    /// Known: obama alone. Unknown: obama, biden, and a blank image.
    @Test func namesUnknownsAndEmptyPhotos() throws {
        let scratch = try Scratch()
        try scratch.link("identities/knn/train/obama/obama2.jpg", as: "known/obama.jpg")
        let obama = try scratch.link("identities/knn/test/obama1.jpg", as: "unknown/a.jpg")
        let biden = try scratch.link("scenes/biden.jpg", as: "unknown/b.jpg")
        let blank = try scratch.writeBlankImage(as: "unknown/c.pgm")

        let result = try FootfallProcess.run(["identify", scratch.path("known"), scratch.path("unknown"), "--cpus", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.lines == ["\(obama),obama", "\(biden),unknown_person", "\(blank),no_persons_found"])

        let withDistance = try FootfallProcess.run(["identify", scratch.path("known"), scratch.path("unknown"), "--show-distance"])
        let columns = withDistance.lines.map { $0.split(separator: ",").map(String.init) }
        #expect(columns.map(\.count) == [3, 3, 3])
        let distance = try #require(Float(columns[0][2]))
        #expect(distance > 0 && distance <= 0.6)
        #expect(columns[1][2] == "None" && columns[2][2] == "None")
    }

    /// A stricter tolerance turns the same face away.
    @Test func toleranceDecides() throws {
        let scratch = try Scratch()
        try scratch.link("identities/knn/train/obama/obama2.jpg", as: "known/obama.jpg")
        let obama = try scratch.link("identities/knn/test/obama1.jpg", as: "unknown.jpg")
        let result = try FootfallProcess.run(["identify", scratch.path("known"), obama, "--tolerance", "0.05"])
        #expect(result.lines == ["\(obama),unknown_person"])
    }
}
