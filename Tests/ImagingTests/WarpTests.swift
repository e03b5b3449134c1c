import Testing
import Imaging

/// The affine warp on small synthetic images whose bilinear samples can be worked out by hand.
/// Its rules are dlib's: a sample needs all four neighbours inside the image (else black) and
/// values are truncated, not rounded.
@Suite struct WarpTests {
    /// A gray image whose pixel (x, y) is `value(x, y)`.
    private func gray(_ width: Int, _ height: Int, _ value: (Int, Int) -> Int) -> Image {
        var image = Image(width: width, height: height, channels: 1)
        for y in 0..<height { for x in 0..<width { image[x, y, 0] = UInt8(value(x, y)) } }
        return image
    }

    @Test func identityKeepsEveryPixelWithFourNeighbours() {
        var image = Image(width: 6, height: 5, channels: 3)
        for y in 0..<5 { for x in 0..<6 { for c in 0..<3 { image[x, y, c] = UInt8(40 * c + 7 * x + 3 * y) } } }
        let warped = image.warped(width: 6, height: 5, sampling: .identity)
        #expect(warped.channels == 3 && warped.width == 6 && warped.height == 5)
        for y in 0..<5 {
            for x in 0..<6 {
                for c in 0..<3 {
                    // The last column and row lack a right or lower neighbour, so they are black.
                    let expected = x < 5 && y < 4 ? image[x, y, c] : 0
                    #expect(warped[x, y, c] == expected)
                }
            }
        }
    }

    @Test func halfPixelShiftAveragesNeighbours() {
        let image = gray(5, 3) { x, y in [10, 21, 250, 0, 99][x] + y }
        let warped = image.warped(width: 4, height: 2, sampling: .translation(dx: 0.5, dy: 0))
        for y in 0..<2 {
            for x in 0..<4 {
                // The exact average, truncated: (10 + 21) / 2 = 15.5 gives 15.
                #expect(Int(warped[x, y, 0]) == (Int(image[x, y, 0]) + Int(image[x + 1, y, 0])) / 2)
            }
        }
    }

    @Test func fractionalSampleIsBilinearAndTruncated() {
        let image = gray(3, 3) { x, y in [[0, 100, 0], [200, 40, 0], [0, 0, 0]][y][x] }
        let warped = image.warped(width: 1, height: 1, sampling: .translation(dx: 0.25, dy: 0.75))
        // 0.25·(0.75·0 + 0.25·100) + 0.75·(0.75·200 + 0.25·40) = 6.25 + 120 = 126.25
        #expect(warped[0, 0, 0] == 126)
    }

    @Test func samplesOutsideTheImageAreBlack() {
        let image = gray(4, 4) { _, _ in 200 }
        let warped = image.warped(width: 4, height: 4, sampling: .translation(dx: -1, dy: 0.5))
        for y in 0..<4 {
            #expect(warped[0, y, 0] == 0)
            #expect(warped[1, y, 0] == (y < 3 ? 200 : 0))
        }
        let nowhere = AffineMap(m00: .nan, m01: 0, m10: 0, m11: 1)
        #expect(image.warped(width: 2, height: 2, sampling: nowhere).pixels.allSatisfy { $0 == 0 })
    }

    @Test func scalingByTwoPicksEveryOtherPixel() {
        let image = gray(9, 7) { x, y in 10 * x + y }
        let warped = image.warped(width: 4, height: 3, sampling: .scaling(2))
        for y in 0..<3 { for x in 0..<4 { #expect(Int(warped[x, y, 0]) == 20 * x + 2 * y) } }
    }
}
