import Faces
import Testing

/// OpenCV's `INTER_AREA` resize, which the MTCNN pyramid and patches depend on, against values
/// worked out by hand from OpenCV's definition (`modules/imgproc/src/resize.cpp`).
@Suite struct MTCNNAreaResizeTests {
    @Test func halvingAveragesTwoByTwoBlocksRoundingHalfUp() {
        // Blocks sum to 10, 4, 2 and 1020: OpenCV's whole-ratio path computes (sum + 2) / 4 with
        // integers, so 2.5 → 3, 1 → 1, 0.5 → 1, 255 → 255.
        let image = Image(width: 4, height: 4, channels: 1, pixels: [
            1, 2, 1, 1,
            3, 4, 1, 1,
            0, 0, 255, 255,
            1, 1, 255, 255,
        ])
        #expect(image.areaResized(width: 2, height: 2).pixels == [3, 1, 1, 255])
    }

    @Test func threeToTwoWeighsTheSharedPixelByHalf() {
        // Output cell 0 covers source [0, 1.5): pixel 0 weight 2/3, pixel 1 weight 1/3; cell 1
        // covers [1.5, 3): pixel 1 weight 1/3, pixel 2 weight 2/3. Both axes alike, e.g.
        // out(0,0) = (4·0 + 2·90 + 2·90 + 1·0)/9 = 40, out(1,1) = (1·0 + 2·45 + 2·45 + 4·9)/9 = 24.
        let image = Image(width: 3, height: 3, channels: 1, pixels: [
            0, 90, 180,
            90, 0, 45,
            180, 45, 9,
        ])
        #expect(image.areaResized(width: 2, height: 2).pixels == [40, 110, 110, 24])
    }

    @Test func channelsAreResizedIndependently() {
        let image = Image(width: 2, height: 1, channels: 3, pixels: [10, 20, 30, 50, 60, 71])
        // (30 + 71)/2 = 50.5 is a tie: this ratio is whole, so OpenCV's integer averaging of the
        // 2×1 block, sum · (1/2) rounded to even, gives 50.
        #expect(image.areaResized(width: 1, height: 1).pixels == [30, 40, 50])
    }

    @Test(arguments: [(11, 7), (20, 15), (1, 1), (36, 22)])
    func aConstantImageStaysConstant(width: Int, height: Int) {
        let image = Image(width: 37, height: 23, channels: 3, pixels: (0..<(37 * 23 * 3)).map { [200, 3, 77][$0 % 3] })
        #expect(image.areaResized(width: width, height: height).pixels
                == (0..<(width * height * 3)).map { [200, 3, 77][$0 % 3] })
    }

    @Test func enlargingBlendsNeighbours() {
        // Enlarging 2 → 3: output d reads source ⌊d·2/3⌋ with weight f = (d + 1) − (i + 1)·1.5
        // modulo 1: d = 0 → 10, d = 1 → (10 + 30)/2, d = 2 → the last pixel.
        let image = Image(width: 2, height: 1, channels: 1, pixels: [10, 30])
        #expect(image.areaResized(width: 3, height: 1).pixels == [10, 20, 30])
    }

    @Test func resamplingReadsBlackOutsideTheImageAndHonoursStrides() {
        // The 4×4 rectangle at (−1, −1) around a 2×2 image, kept at 4×4 (every weight 1), is the
        // image on a black border; writing with row stride 1 and column stride 4 transposes it.
        let image = Image(width: 2, height: 2, channels: 1, pixels: [1, 2, 3, 4])
        var resampler = AreaResampler()
        var output = [Float](repeating: -1, count: 16)
        output.withUnsafeMutableBufferPointer { buffer in
            resampler.resample(image, x: -1, y: -1, width: 4, height: 4, toWidth: 4, height: 4,
                               into: buffer, rowStride: 1, columnStride: 4)
        }
        #expect(output == [
            0, 0, 0, 0,
            0, 1, 3, 0,
            0, 2, 4, 0,
            0, 0, 0, 0,
        ])
    }

    @Test func resamplingDoesNotRound() {
        // 2 → 1 averages without rounding: (1 + 2)/2 = 1.5, and black beyond the right edge
        // halves the last pixel: (4 + 0)/2 = 2.
        let image = Image(width: 3, height: 1, channels: 1, pixels: [1, 2, 4])
        var resampler = AreaResampler()
        var output = [Float](repeating: -1, count: 2)
        output.withUnsafeMutableBufferPointer { buffer in
            resampler.resample(image, x: 0, y: 0, width: 4, height: 1, toWidth: 2, height: 1,
                               into: buffer, rowStride: 2, columnStride: 1)
        }
        #expect(output == [1.5, 2])
    }
}
