import Testing
import Imaging

/// dlib's `pyramid_down<2>` on synthetic images: a 5×5 binomial blur kept only where it fits
/// inside the image, every other pixel, integer arithmetic truncated by the final / 256.
@Suite struct PyramidTests {
    private func gray(_ width: Int, _ height: Int, _ value: (Int, Int) -> Int) -> Image {
        var image = Image(width: width, height: height, channels: 1)
        for y in 0..<height { for x in 0..<width { image[x, y, 0] = UInt8(value(x, y)) } }
        return image
    }

    @Test func constantImageStaysConstantAtDlibsSize() {
        for channels in [1, 3] {
            let image = Image(width: 20, height: 15, channels: channels,
                              pixels: [UInt8](repeating: 77, count: 20 * 15 * channels))
            let down = image.pyramidDown()
            // (20 − 3) / 2 = 8 columns, (15 − 3) / 2 = 6 rows.
            #expect(down.width == 8 && down.height == 6 && down.channels == channels)
            #expect(down.pixels.allSatisfy { $0 == 77 })
        }
    }

    @Test func imagesOfEightPixelsOrLessVanish() {
        #expect(Image(width: 8, height: 30, channels: 1).pyramidDown().isEmpty)
        #expect(Image(width: 30, height: 8, channels: 3).pyramidDown().isEmpty)
        let smallest = Image(width: 9, height: 9, channels: 1).pyramidDown()
        #expect(smallest.width == 3 && smallest.height == 3)
    }

    @Test func linearRampIsSampledAtTwiceThePositionPlusTwo() {
        // A symmetric filter leaves a linear function alone, so output (c, r) is the ramp at the
        // source pixel it is centred on, (2c + 2, 2r + 2).
        let image = gray(21, 19) { x, y in 3 * x + 5 * y }
        let down = image.pyramidDown()
        #expect(down.width == 9 && down.height == 8)
        for r in 0..<down.height {
            for c in 0..<down.width { #expect(Int(down[c, r, 0]) == 3 * (2 * c + 2) + 5 * (2 * r + 2)) }
        }
    }

    @Test func impulseSpreadsWithBinomialWeights() {
        // A 255 at source (6, 6), under output (2, 2): weights (1 4 6 4 1)/16 in each direction.
        var image = Image(width: 15, height: 15, channels: 3)
        image[6, 6, 1] = 255
        let down = image.pyramidDown()
        #expect(down[2, 2, 1] == 255 * 6 * 6 / 256)  // 35
        #expect(down[1, 2, 1] == 255 * 1 * 6 / 256)  // 5, two source columns away
        #expect(down[3, 3, 1] == 255 * 1 * 1 / 256)  // 0
        #expect(down[2, 2, 0] == 0 && down[2, 2, 2] == 0)
    }

    @Test func pointMappingIsDlibs() {
        #expect(Image.pyramidDownMapping.apply(SIMD2(2.5, 1.5)) == SIMD2(0, 0))
        #expect(Image.pyramidDownMapping.apply(SIMD2(10, 10)) == SIMD2(3.75, 4.25))
    }
}
