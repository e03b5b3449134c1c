import Imaging
import Testing

/// PNG decoding of every colour type and depth (files built byte by byte by `PNGBuilder`, not by
/// libpng) and lossless round trips through our encoder.
@Suite struct PNGCodecTests {
    static func randomImage(width: Int, height: Int, channels: Int, seed: UInt64) -> Image {
        Image(width: width, height: height, channels: channels,
              pixels: TestData.randomBytes(count: width * height * channels, seed: seed))
    }

    @Test(arguments: [1, 3])
    func roundTripIsLossless(channels: Int) throws {
        let image = Self.randomImage(width: 37, height: 23, channels: channels, seed: UInt64(channels))
        let png = try image.pngData()
        #expect(png.starts(with: PNGBuilder.signature))
        #expect(try Image(data: png) == image)
    }

    @Test func emptyImagesCannotBeEncoded() {
        #expect(throws: ImageError.self) { try Image(width: 0, height: 0, channels: 3).pngData() }
    }

    @Test func sixteenBitGrayIsScaledTo8Bits() throws {
        // Expected: round(v · 255 / 65535). 0x12FF separates rounding (19) from truncation (18).
        let samples = [0x0000, 0x1234, 0x12FF, 0x8080, 0xABCD, 0xFFFF]
        let row = samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let png = PNGBuilder.png(width: samples.count, height: 1, bitDepth: 16, colorType: 0, rows: [row])
        let image = try Image(data: png)
        #expect(image.channels == 1)
        #expect(image.pixels == samples.map { UInt8((Double($0) * 255 / 65535).rounded()) })
    }

    @Test func sixteenBitRGBIsScaledTo8Bits() throws {
        let samples = [0xFFFF, 0x0000, 0x8080, 0x0101, 0xFEFE, 0x4040]
        let row = samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let png = PNGBuilder.png(width: 2, height: 1, bitDepth: 16, colorType: 2, rows: [row])
        let image = try Image(data: png)
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 128, 1, 254, 64])
    }

    @Test func grayAlphaKeepsTheGrayValues() throws {
        // (gray, alpha) pairs; alpha 0 must not blacken the stored gray.
        let row: [UInt8] = [10, 0, 200, 128, 77, 255]
        let image = try Image(data: PNGBuilder.png(width: 3, height: 1, bitDepth: 8, colorType: 4, rows: [row]))
        #expect(image.channels == 1)
        #expect(image.pixels == [10, 200, 77])
    }

    @Test func rgbaKeepsTheColourValues() throws {
        let row: [UInt8] = [255, 0, 0, 0, 0, 255, 0, 64, 1, 2, 3, 255]
        let image = try Image(data: PNGBuilder.png(width: 3, height: 1, bitDepth: 8, colorType: 6, rows: [row]))
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 0, 0, 255, 0, 1, 2, 3])
    }

    @Test func paletteWithTransparencyExpandsToRGB() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 90, 90, 90]
        let png = PNGBuilder.png(width: 4, height: 2, bitDepth: 8, colorType: 3, rows: [[0, 1, 2, 3], [3, 2, 1, 0]],
                                 palette: palette, transparency: [0, 128])
        let image = try Image(data: png)
        #expect(image.channels == 3)
        let indices = [0, 1, 2, 3, 3, 2, 1, 0]
        #expect(image.pixels == indices.flatMap { Array(palette[(3 * $0)..<(3 * $0 + 3)]) })
    }

    @Test func oneBitGrayExpandsToBlackAndWhite() throws {
        // Bits 1 0 1 1 (high bit first) then padding.
        let image = try Image(data: PNGBuilder.png(width: 4, height: 1, bitDepth: 1, colorType: 0, rows: [[0b1011_0000]]))
        #expect(image.pixels == [255, 0, 255, 255])
    }

    @Test func eightBitGrayAndRGBDecodeExactly() throws {
        let gray = Self.randomImage(width: 5, height: 3, channels: 1, seed: 21)
        let grayRows = (0..<3).map { Array(gray.pixels[($0 * 5)..<($0 * 5 + 5)]) }
        #expect(try Image(data: PNGBuilder.png(width: 5, height: 3, bitDepth: 8, colorType: 0, rows: grayRows)) == gray)
        let rgb = Self.randomImage(width: 5, height: 3, channels: 3, seed: 22)
        let rgbRows = (0..<3).map { Array(rgb.pixels[($0 * 15)..<($0 * 15 + 15)]) }
        #expect(try Image(data: PNGBuilder.png(width: 5, height: 3, bitDepth: 8, colorType: 2, rows: rgbRows)) == rgb)
    }
}
