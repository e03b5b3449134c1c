import Imaging
import Testing

@Suite struct ColorConversionTests {
    @Test func grayscaleUsesRoundedBT601Weights() {
        let colours: [[UInt8]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [0, 0, 0],
                                  [10, 20, 30], [255, 255, 0], [128, 64, 200]]
        let image = Image(width: colours.count, height: 1, channels: 3, pixels: colours.flatMap { $0 })
        let gray = image.grayscale()
        #expect(gray.channels == 1 && gray.width == colours.count)
        let expected = colours.map { colour -> UInt8 in
            let (r, g, b) = (Double(colour[0]), Double(colour[1]), Double(colour[2]))
            return UInt8((0.299 * r + 0.587 * g + 0.114 * b).rounded())
        }
        #expect(gray.pixels == expected)
        // Pure red, green, blue by hand: 76.245 → 76, 149.685 → 150, 29.07 → 29.
        #expect(Array(gray.pixels.prefix(3)) == [76, 150, 29])
    }

    @Test func grayscaleOfGrayIsUnchanged() {
        let gray = Image(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])
        #expect(gray.grayscale() == gray)
    }

    @Test func rgbRepeatsTheGrayValue() {
        let gray = Image(width: 2, height: 1, channels: 1, pixels: [7, 250])
        let rgb = gray.rgb()
        #expect(rgb.channels == 3 && rgb.pixels == [7, 7, 7, 250, 250, 250])
        #expect(rgb.rgb() == rgb)
        #expect(rgb.grayscale() == gray)
    }
}
