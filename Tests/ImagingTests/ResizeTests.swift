import Imaging
import Testing

/// Bilinear resizing with pixel centres aligned: `sx = (X + 0.5) · srcWidth / width − 0.5`, clamped.
@Suite struct ResizeTests {
    @Test func twoByTwoToFourByFourMatchesHandComputedValues() {
        // Source  [  0 200 ]   Doubling puts output centres at source positions
        //         [100  40 ]   −0.25→0 (clamped), 0.25, 0.75, 1.25→1 (clamped) on each axis.
        // Rows: top (0, 200) → 0, 50, 150, 200; bottom (100, 40) → 100, 85, 55, 40.
        // Row 1 = top + 0.25·(bottom − top) = 25, 58.75, 126.25, 160 → 25, 59, 126, 160;
        // row 2 = top + 0.75·(bottom − top) = 75, 76.25, 78.75, 80 → 75, 76, 79, 80.
        let source = Image(width: 2, height: 2, channels: 1, pixels: [0, 200, 100, 40])
        let expected: [UInt8] = [
            0, 50, 150, 200,
            25, 59, 126, 160,
            75, 76, 79, 80,
            100, 85, 55, 40,
        ]
        #expect(source.resized(width: 4, height: 4).pixels == expected)
    }

    @Test func halvingAveragesEachTwoByTwoBlock() {
        // Halving puts every output centre exactly between four source pixels.
        let source = Image(width: 4, height: 2, channels: 3, pixels: TestData.randomBytes(count: 24, seed: 5))
        let half = source.resized(width: 2, height: 1)
        for x in 0..<2 {
            for c in 0..<3 {
                let sum = [source[2 * x, 0, c], source[2 * x + 1, 0, c], source[2 * x, 1, c], source[2 * x + 1, 1, c]]
                    .reduce(0) { $0 + Double($1) }
                #expect(abs(Double(half[x, 0, c]) - sum / 4) <= 0.5 + 1e-3, "x \(x) c \(c)")
            }
        }
    }

    @Test(arguments: [(7, 5), (20, 30), (3, 2), (1, 1)])
    func aConstantImageStaysConstant(width: Int, height: Int) {
        let source = Image(width: 9, height: 6, channels: 3, pixels: (0..<162).map { [37, 128, 251][$0 % 3] })
        let resized = source.resized(width: width, height: height)
        #expect(resized.width == width && resized.height == height)
        #expect(resized.pixels == (0..<(width * height * 3)).map { [37, 128, 251][$0 % 3] })
    }

    @Test func aHorizontalRampStaysLinear() {
        // v(x) = 10 + 30x on 8 columns; a linear function is reproduced exactly by linear
        // interpolation, so output X holds 10 + 30·clamp((X + 0.5)·8/20 − 0.5, 0, 7), ±0.5 rounding.
        let ramp = Image(width: 8, height: 3, channels: 1,
                         pixels: (0..<3).flatMap { _ in (0..<8).map { UInt8(10 + 30 * $0) } })
        let wide = ramp.resized(width: 20, height: 3)
        for y in 0..<3 {
            for x in 0..<20 {
                let position = min(max((Double(x) + 0.5) * 8 / 20 - 0.5, 0), 7)
                #expect(abs(Double(wide[x, y, 0]) - (10 + 30 * position)) <= 0.5 + 1e-3, "x \(x)")
            }
        }
    }

    @Test func sameSizeIsTheIdentity() {
        let source = Image(width: 6, height: 4, channels: 3, pixels: TestData.randomBytes(count: 72, seed: 9))
        #expect(source.resized(width: 6, height: 4) == source)
    }

    @Test func emptySourceGivesABlackImageOfTheRequestedSize() {
        let black = Image(width: 0, height: 0, channels: 1).resized(width: 3, height: 2)
        #expect(black.width == 3 && black.height == 2 && black.pixels == [0, 0, 0, 0, 0, 0])
    }
}
