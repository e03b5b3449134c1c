import Imaging
import Testing

/// PGM/PPM headers, comments, plain and binary rasters, maxval scaling, and damage.
@Suite struct PNMDecoderTests {
    static func bytes(_ header: String, _ raster: [UInt8] = []) -> [UInt8] { Array(header.utf8) + raster }

    @Test func binaryGrayWithComments() throws {
        let pgm = Self.bytes("P5\n# made by hand\n3 2 # size\n255\n", [0, 1, 2, 253, 254, 255])
        let image = try Image(data: pgm)
        #expect(image.width == 3 && image.height == 2 && image.channels == 1)
        #expect(image.pixels == [0, 1, 2, 253, 254, 255])
    }

    @Test func binaryColour() throws {
        let ppm = Self.bytes("P6 2 1 255\n", [255, 0, 0, 1, 2, 3])
        let image = try Image(data: ppm)
        #expect(image.channels == 3 && image.pixels == [255, 0, 0, 1, 2, 3])
    }

    @Test func smallMaxvalIsStretchedTo255() throws {
        // round(v · 255 / 15): 0, 17, 119, 255.
        let image = try Image(data: Self.bytes("P5 4 1 15\n", [0, 1, 7, 15]))
        #expect(image.pixels == [0, 17, 119, 255])
    }

    @Test func sixteenBitSamplesAreReducedTo8() throws {
        // Big-endian samples with maxval 65535 and 1000: round(v · 255 / maxval).
        let wide = try Image(data: Self.bytes("P5 3 1 65535\n", [0x00, 0x00, 0x80, 0x80, 0xFF, 0xFF]))
        #expect(wide.pixels == [0, 128, 255])
        let thousand = try Image(data: Self.bytes("P5 3 1 1000\n", [0x00, 0x00, 0x01, 0xF4, 0x03, 0xE8]))
        #expect(thousand.pixels == [0, 128, 255])  // 0, 500, 1000 → 0, 127.5 → 128, 255
    }

    @Test func plainFormats() throws {
        let gray = try Image(data: Self.bytes("P2\n2 2\n# comment\n255\n0 10\n 200 255\n"))
        #expect(gray.channels == 1 && gray.pixels == [0, 10, 200, 255])
        let colour = try Image(data: Self.bytes("P3 1 2 100\n100 0 50\n0 100 100"))
        #expect(colour.channels == 3 && colour.pixels == [255, 0, 128, 0, 255, 255])
    }

    @Test func damageGivesTypedErrors() {
        #expect(throws: ImageError.truncated(file: "short.pgm")) {
            try Image(data: Self.bytes("P5 4 4 255\n", [1, 2, 3]), name: "short.pgm")
        }
        #expect(throws: ImageError.truncated(file: "header.pgm")) {
            try Image(data: Self.bytes("P5 4 "), name: "header.pgm")
        }
        #expect(throws: ImageError.truncated(file: "plain.pgm")) {
            try Image(data: Self.bytes("P2 2 2 255\n1 2 3"), name: "plain.pgm")
        }
        #expect(throws: ImageError.corrupt(file: "zero.pgm", message: "PNM size 0×4 has no pixels")) {
            try Image(data: Self.bytes("P5 0 4 255\n"), name: "zero.pgm")
        }
        #expect(throws: ImageError.corrupt(file: "maxval.pgm", message: "PNM maxval 70000 is outside 1…65535")) {
            try Image(data: Self.bytes("P5 1 1 70000\n", [0, 0]), name: "maxval.pgm")
        }
        #expect(throws: ImageError.tooLarge(file: "huge.pgm", width: 100_000, height: 100_000,
                                            maxPixels: ImageLimits.default.maxPixels)) {
            try Image(data: Self.bytes("P5 100000 100000 255\n"), name: "huge.pgm")
        }
        #expect(throws: ImageError.unsupportedFormat(file: "bitmap.pbm", detail: "a Netpbm variant other than P2/P3/P5/P6")) {
            try Image(data: Self.bytes("P4 8 1\n", [0xFF]), name: "bitmap.pbm")
        }
    }
}
