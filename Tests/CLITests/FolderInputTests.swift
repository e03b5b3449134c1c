import Foundation
import Testing
import TestSupport

/// `detect` and `encode` take folders as the other commands do, and `detect --draw` never lets
/// one input's drawing overwrite another's.
@Suite struct FolderInputTests {
    @Test func detectAndEncodeSearchFoldersRecursively() throws {
        let scratch = try Scratch()
        let first = try scratch.link("scenes/two_people.jpg", as: "photos/a/group.jpg")
        let second = try scratch.link("identities/knn/train/biden/biden.jpg", as: "photos/b/c/portrait.JPG")
        try scratch.write(Array("notes".utf8), as: "photos/readme.txt")

        let detect = try FootfallProcess.run(["detect", scratch.path("photos"), "--csv"])
        #expect(detect.status == 0, "\(detect.standardError)")
        #expect(Set(detect.lines.dropFirst().map { String($0.split(separator: ",")[0]) }) == [first, second])

        let encode = try FootfallProcess.run(["encode", scratch.path("photos")])
        #expect(encode.status == 0, "\(encode.standardError)")
        let rows = encode.lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.filter { $0[0] == first }.count == 2)
        #expect(rows.filter { $0[0] == second }.count >= 1)
        #expect(rows.allSatisfy { $0.count == 1 + 4 + 128 + 1 && $0.last == "dlib_face_recognition_resnet_model_v1" })
    }

    @Test func drawingsOfSameNamedInputsDoNotCollide() throws {
        let scratch = try Scratch()
        let a = try scratch.link("scenes/two_people.jpg", as: "a/photo.jpg")
        let b = try scratch.link("identities/knn/train/biden/biden.jpg", as: "b/photo.jpg")
        let out = scratch.path("drawn")
        let result = try FootfallProcess.run(["detect", a, b, "--draw", out])
        #expect(result.status == 0, "\(result.standardError)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["a_photo.jpg", "b_photo.jpg"])
        let sizes = try written.map { try FileManager.default.attributesOfItem(atPath: out + "/" + $0)[.size] as? Int ?? 0 }
        #expect(sizes.allSatisfy { $0 > 1000 } && sizes[0] != sizes[1])
    }

    @Test func drawingsKeepTheFileNameWhenItIsUnique() throws {
        let scratch = try Scratch()
        let a = try scratch.link("scenes/two_people.jpg", as: "x/group.jpg")
        let out = scratch.path("drawn")
        #expect(try FootfallProcess.run(["detect", a, "--draw", out]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["group.jpg"])
    }
}
