import Foundation
import Imaging
import Testing

@Suite struct WriteTests {
    let image = Image(width: 16, height: 8, channels: 3, pixels: (0..<384).map { UInt8($0 % 251) })

    @Test func formatFollowsTheExtension() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try image.write(to: folder + "/a.png")
        try image.write(to: folder + "/b.JPG")
        try image.write(to: folder + "/c.jpeg")
        #expect(try TestData.bytes(folder + "/a.png").starts(with: PNGBuilder.signature))
        #expect(try TestData.bytes(folder + "/b.JPG").starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(try TestData.bytes(folder + "/c.jpeg").starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(try Image(contentsOf: folder + "/a.png") == image)
        // Only the three images remain: no temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.png", "b.JPG", "c.jpeg"])
    }

    @Test func writingReplacesAnExistingFile() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/face.png"
        try image.write(to: path)
        let gray = image.grayscale()
        try gray.write(to: path)
        #expect(try Image(contentsOf: path) == gray)
    }

    @Test func unknownExtensionsAndMissingFoldersAreReported() throws {
        #expect(throws: ImageError.unknownExtension(file: "/tmp/x.bmp")) { try image.write(to: "/tmp/x.bmp") }
        #expect(throws: ImageError.unwritable(file: "/nonexistent/footfall/x.png", reason: "No such file or directory")) {
            try image.write(to: "/nonexistent/footfall/x.png")
        }
    }
}
