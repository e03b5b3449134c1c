import Imaging
import Testing
import TestSupport

/// Every image in `shared/data` decodes, and to the size and channel count its header claims
/// (read by the tests' own header parser).
@Suite struct SharedDataDecodingTests {
    static let extensions: Set<String> = ["jpg", "jpeg", "png", "pgm", "ppm"]

    @Test func everySharedImageDecodesToTheSizeItsHeaderStates() throws {
        let files = Fixtures.files(under: "", extensions: Self.extensions)
        // About 1,600 files: 400 ORL PGMs, ~1,000 PNGs, ~200 JPEGs.
        #expect(files.count > 1500, "shared/data looks incomplete: \(files.count) images")
        var decoded = 0
        for path in files {
            let bytes = try TestData.bytes(path)
            guard let header = HeaderProbe(bytes) else {
                Issue.record("\(path): the test's header parser does not understand this file")
                continue
            }
            if header.kind == .webp {
                // deepface's img47.jpg is a WebP under a .jpg name: refused by content, not name.
                #expect(throws: ImageError.unsupportedFormat(file: path, detail: "a WebP image")) {
                    try Image(contentsOf: path)
                }
                continue
            }
            do {
                let image = try Image(contentsOf: path)
                // EXIF orientations 5–8 turn the picture by 90°, swapping width and height.
                let swapped = header.orientation >= 5
                #expect(image.width == (swapped ? header.height : header.width), "\(path)")
                #expect(image.height == (swapped ? header.width : header.height), "\(path)")
                #expect(image.channels == header.channels, "\(path)")
                decoded += 1
            } catch {
                Issue.record("\(path): \(error)")
            }
        }
        #expect(decoded == files.count - 1, "one file (a WebP) is expected to be refused")
    }

    @Test func orlPortraitsAre92By112Gray() throws {
        let image = try Image(contentsOf: Fixtures.data("identities/orl/s1/1.pgm"))
        #expect(image.width == 92 && image.height == 112 && image.channels == 1)
    }

    @Test func thirtyTwoBitPNGLosesItsAlpha() throws {
        let path = Fixtures.data("scenes/32bit.png")
        let bytes = try TestData.bytes(path)
        #expect(bytes[25] == 6, "the fixture should be an RGBA PNG (colour type 6)")
        let image = try Image(contentsOf: path)
        #expect(image.channels == 3)
    }
}
