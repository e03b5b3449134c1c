import Foundation
import Imaging
import Testing
import TestSupport

/// Damaged, hostile and foreign files give the right typed error, naming the file, and never crash.
@Suite struct DecodingErrorTests {
    let jpegPath = Fixtures.data("scenes/obama.jpg")
    let pngPath = Fixtures.data("identities/bbt/raj/raj1.png")

    @Test func halfAJPEGIsTruncated() throws {
        let jpeg = try TestData.bytes(jpegPath)
        #expect(throws: ImageError.truncated(file: "half.jpg")) {
            try Image(data: Array(jpeg.prefix(jpeg.count / 2)), name: "half.jpg")
        }
    }

    @Test func aJPEGCutInsideItsHeaderIsTruncated() throws {
        let jpeg = try TestData.bytes(jpegPath)
        let sof = try #require(HeaderProbe.startOfFrame(jpeg))
        #expect(throws: ImageError.truncated(file: "cut.jpg")) {
            try Image(data: Array(jpeg.prefix(sof + 6)), name: "cut.jpg")
        }
    }

    @Test func halfAPNGIsTruncated() throws {
        let png = try TestData.bytes(pngPath)
        #expect(throws: ImageError.truncated(file: "half.png")) {
            try Image(data: Array(png.prefix(png.count / 2)), name: "half.png")
        }
        #expect(throws: ImageError.truncated(file: "header.png")) {
            try Image(data: Array(png.prefix(20)), name: "header.png")
        }
    }

    @Test func aZeroByteFileIsEmpty() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/empty.jpg"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: ImageError.empty(file: path)) { try Image(contentsOf: path) }
    }

    @Test func randomBytesAreAnUnsupportedFormat() {
        var garbage = TestData.randomBytes(count: 4096, seed: 7)
        garbage[0] = 0  // no format's signature starts with a zero byte
        #expect(throws: ImageError.unsupportedFormat(file: "garbage", detail: "not a recognised image format")) {
            try Image(data: garbage, name: "garbage")
        }
    }

    @Test func randomBytesAfterAJPEGSignatureAreCorruptOrTruncated() {
        let data: [UInt8] = [0xFF, 0xD8, 0xFF] + TestData.randomBytes(count: 4096, seed: 11)
        do {
            _ = try Image(data: data, name: "noise.jpg")
            Issue.record("noise decoded as a JPEG")
        } catch {
            switch error {
            case .corrupt(let file, _), .truncated(let file): #expect(file == "noise.jpg")
            default: Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func aPNGHeaderClaiming100000SquaredIsTooLarge() throws {
        var png = try TestData.bytes(pngPath)
        // IHDR data starts at byte 16: width, height (big-endian), then 5 bytes; its CRC follows
        // at 29 and covers the type and data (bytes 12..<29).
        png.replaceSubrange(16..<24, with: PNGBuilder.bigEndian32(100_000) + PNGBuilder.bigEndian32(100_000))
        png.replaceSubrange(29..<33, with: PNGBuilder.bigEndian32(Int(PNGBuilder.crc32(Array(png[12..<29])))))
        #expect(throws: ImageError.tooLarge(file: "huge.png", width: 100_000, height: 100_000,
                                            maxPixels: ImageLimits.default.maxPixels)) {
            try Image(data: png, name: "huge.png")
        }
    }

    @Test func aJPEGHeaderClaiming60000SquaredIsTooLarge() throws {
        // SOF stores dimensions in 16 bits and libjpeg refuses more than 65500, so 100000 cannot
        // be written; 60000 × 60000 (3.6 gigapixels) is the same attack within the format.
        var jpeg = try TestData.bytes(jpegPath)
        let sof = try #require(HeaderProbe.startOfFrame(jpeg))
        jpeg.replaceSubrange((sof + 5)..<(sof + 9), with: [0xEA, 0x60, 0xEA, 0x60])
        #expect(throws: ImageError.tooLarge(file: "huge.jpg", width: 60_000, height: 60_000,
                                            maxPixels: ImageLimits.default.maxPixels)) {
            try Image(data: jpeg, name: "huge.jpg")
        }
    }

    @Test func limitsApplyToEveryFormat() throws {
        let tight = ImageLimits(maxPixels: 1000)
        let jpeg = try #require(HeaderProbe(TestData.bytes(jpegPath)))
        #expect(throws: ImageError.tooLarge(file: jpegPath, width: jpeg.width, height: jpeg.height, maxPixels: 1000)) {
            try Image(contentsOf: jpegPath, limits: tight)
        }
        #expect(throws: ImageError.tooLarge(file: pngPath, width: 150, height: 150, maxPixels: 1000)) {
            try Image(contentsOf: pngPath, limits: tight)
        }
        let pgm = Fixtures.data("identities/orl/s1/1.pgm")
        #expect(throws: ImageError.tooLarge(file: pgm, width: 92, height: 112, maxPixels: 1000)) {
            try Image(contentsOf: pgm, limits: tight)
        }
    }

    @Test func aDamagedPNGChunkIsCorruptWithLibpngsMessage() throws {
        var png = try TestData.bytes(pngPath)
        let idat = try #require((0..<(png.count - 4)).first { Array(png[$0..<($0 + 4)]) == Array("IDAT".utf8) })
        png[idat + 10] ^= 0xFF  // inside the first IDAT's data, so its CRC no longer matches
        do {
            _ = try Image(data: png, name: "damaged.png")
            Issue.record("a damaged PNG decoded")
        } catch {
            guard case .corrupt(let file, let message) = error else {
                Issue.record("expected corrupt, got \(error)")
                return
            }
            #expect(file == "damaged.png")
            #expect(!message.isEmpty)
            #expect(error.description.contains("damaged.png"))
        }
    }

    @Test func missingFilesAndFoldersAreUnreadable() throws {
        let missing = "/nonexistent/footfall/missing.jpg"
        #expect(throws: ImageError.unreadable(file: missing, reason: "No such file or directory")) {
            try Image(contentsOf: missing)
        }
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: ImageError.unreadable(file: folder, reason: "not a regular file")) {
            try Image(contentsOf: folder)
        }
    }

    /// Single-byte damage anywhere in a small JPEG or PNG must end in an image or a typed error:
    /// never a crash, a hang, or an error claiming the data was missing or unreadable.
    @Test func randomByteDamageNeverCrashes() throws {
        let image = try Image(contentsOf: pngPath)
        for (name, original) in [("png", try image.pngData()), ("jpg", try image.jpegData())] {
            var generator = SplitMix64(seed: 99)
            for trial in 0..<300 {
                var damaged = original
                let position = Int.random(in: 8..<damaged.count, using: &generator)
                damaged[position] = UInt8.random(in: 0...255, using: &generator)
                do {
                    let decoded = try Image(data: damaged, name: "\(trial).\(name)")
                    #expect(decoded.pixels.count == decoded.width * decoded.height * decoded.channels)
                } catch {
                    switch error {
                    case .corrupt, .truncated, .unsupportedFormat, .tooLarge: break
                    default: Issue.record("trial \(trial) of \(name): unexpected \(error)")
                    }
                }
            }
        }
    }
}
