import Faces
import Testing

/// What the MTCNN networks are fed: transposed NHWC floats, `(v − 127.5) · 0.0078125`.
@Suite struct MTCNNInputTests {
    private func normalized(_ value: Float) -> Float { (value - 127.5) / 128 }

    @Test func aPyramidLevelIsTransposedAndNormalised() {
        // A 2-wide, 3-high image; channel c of pixel (x, y) is 100·c + 10·x + y.
        var image = Image(width: 2, height: 3, channels: 3)
        for y in 0..<3 { for x in 0..<2 { for c in 0..<3 { image[x, y, c] = UInt8(100 * c + 10 * x + y) } } }
        let input = MTCNN.NetworkInput(level: image)
        #expect(input.count == 1 && input.width == 2 && input.height == 3)
        for y in 0..<3 {
            for x in 0..<2 {
                for c in 0..<3 {
                    #expect(input.values[(x * 3 + y) * 3 + c] == normalized(Float(100 * c + 10 * x + y)))
                }
            }
        }
    }

    @Test func aGrayLevelIsReadAsRGB() {
        let gray = Image(width: 1, height: 2, channels: 1, pixels: [0, 255])
        #expect(MTCNN.NetworkInput(level: gray).values == [-0.99609375, -0.99609375, -0.99609375,
                                                           0.99609375, 0.99609375, 0.99609375])
    }

    @Test func patchesAreCutOnBlackResizedTransposedAndNormalised() {
        // Channels of pixel (x, y): R = 4x, G = 4y, B = 100, on a 40×40 image.
        var image = Image(width: 40, height: 40, channels: 3)
        for y in 0..<40 { for x in 0..<40 { image[x, y, 0] = UInt8(4 * x); image[x, y, 1] = UInt8(4 * y); image[x, y, 2] = 100 } }
        // Box 1 is the 48×48 patch at (−8, −8); box 2 the 48×48 patch at (0, 0), wholly black past
        // column and row 39. Halving to 24×24 averages 2×2 blocks: output (i, j) of box 1 covers
        // columns 2i − 8 and 2i − 7, so R = 4·(2i − 7.5) = 8i − 30 where i ≥ 4, black where i < 4
        // or j < 4 (the whole pixel lies outside the image).
        let boxes = [MTCNN.Box(x1: -7, y1: -7, x2: 40, y2: 40), MTCNN.Box(x1: 1, y1: 1, x2: 48, y2: 48)]
        var resampler = AreaResampler()
        let input = MTCNN.NetworkInput(patchesOf: image, boxes: boxes, size: 24, resampler: &resampler)
        #expect(input.count == 2 && input.width == 24 && input.height == 24)
        func value(_ n: Int, _ i: Int, _ j: Int, _ c: Int) -> Float { input.values[((n * 24 + i) * 24 + j) * 3 + c] }
        for i in 0..<24 {
            for j in 0..<24 {
                let inside = i >= 4 && j >= 4
                #expect(value(0, i, j, 0) == normalized(inside ? Float(8 * i - 30) : 0), "box 1 (\(i), \(j))")
                #expect(value(0, i, j, 1) == normalized(inside ? Float(8 * j - 30) : 0), "box 1 (\(i), \(j))")
                #expect(value(0, i, j, 2) == normalized(inside ? 100 : 0), "box 1 (\(i), \(j))")
                // Box 2: columns 2i and 2i + 1, inside while i < 20.
                let inside2 = i < 20 && j < 20
                #expect(value(1, i, j, 0) == normalized(inside2 ? Float(8 * i + 2) : 0), "box 2 (\(i), \(j))")
                #expect(value(1, i, j, 1) == normalized(inside2 ? Float(8 * j + 2) : 0), "box 2 (\(i), \(j))")
            }
        }
    }

    @Test func noBoxesGiveAnEmptyBatch() {
        var resampler = AreaResampler()
        let input = MTCNN.NetworkInput(patchesOf: Image(width: 5, height: 5, channels: 3), boxes: [], size: 48,
                                       resampler: &resampler)
        #expect(input.count == 0 && input.values.isEmpty)
    }
}
