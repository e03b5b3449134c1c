import Faces
import Testing

/// Box arithmetic of the MTCNN stages, on values worked out by hand from the ports' formulas.
@Suite struct MTCNNBoxTests {
    private func close(_ box: MTCNN.Box, _ expected: [Double], tolerance: Double = 1e-5) -> Bool {
        zip([box.x1, box.y1, box.x2, box.y2], expected).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func regressionScalesOffsetsByTheBoxSize() {
        let box = MTCNN.Box(x1: 10, y1: 20, x2: 30, y2: 60)
        let offsets = SIMD4<Float>(0.1, -0.05, 0.2, 0.1)
        // PNet measures 30 − 10 = 20 by 60 − 20 = 40: 10 + 2, 20 − 2, 30 + 4, 60 + 4.
        #expect(close(box.regressed(by: offsets, size: .cornerDistance), [12, 18, 34, 64]))
        // RNet and ONet measure 21 by 41: 10 + 2.1, 20 − 2.05, 30 + 4.2, 60 + 4.1.
        #expect(close(box.regressed(by: offsets, size: .pixelCount), [12.1, 17.95, 34.2, 64.1]))
        #expect(box.regressed(by: .zero, size: .pixelCount) == box)
    }

    @Test func squaringKeepsTheCentreAndTakesTheLongerSide() {
        // 22 wide, 46 high: side 46, centre x 23 → x1 = 12 + 11 − 23 = 0, x2 = 46.
        #expect(MTCNN.Box(x1: 12, y1: 18, x2: 34, y2: 64).squared() == MTCNN.Box(x1: 0, y1: 18, x2: 46, y2: 64))
        // 30 wide, 10 high: side 30, y1 = 5 + 5 − 15 = −5, y2 = 25.
        #expect(MTCNN.Box(x1: 0, y1: 5, x2: 30, y2: 15).squared() == MTCNN.Box(x1: 0, y1: -5, x2: 30, y2: 25))
        // Fractions stay: 3 wide, 4 high: x1 = 0.5 + 1.5 − 2 = 0.
        #expect(MTCNN.Box(x1: 0.5, y1: 0, x2: 3.5, y2: 4).squared() == MTCNN.Box(x1: 0, y1: 0, x2: 4, y2: 4))
    }

    @Test func truncationDropsFractionsTowardZero() {
        #expect(MTCNN.Box(x1: -3.7, y1: 2.5, x2: 10.9, y2: -0.2).truncated() == MTCNN.Box(x1: -3, y1: 2, x2: 10, y2: 0))
    }

    @Test func patchRegionStartsOnePixelBeforeTheCorner() {
        // x1 = 1 is the first column in the ports' 1-based convention: patch from pixel 0.
        #expect(MTCNN.Box(x1: 1, y1: 1, x2: 24, y2: 24).patchRegion == (0, 0, 24, 24))
        #expect(MTCNN.Box(x1: -2, y1: 5, x2: 9, y2: 16).patchRegion == (-3, 4, 12, 12))
    }

    @Test func unusableBoxesAreRecognised() {
        #expect(MTCNN.Box(x1: -5, y1: -5, x2: 30, y2: 30).isUsable(imageWidth: 20, imageHeight: 20))
        #expect(!MTCNN.Box(x1: .nan, y1: 0, x2: 10, y2: 10).isUsable(imageWidth: 20, imageHeight: 20))
        #expect(!MTCNN.Box(x1: 21, y1: 0, x2: 30, y2: 10).isUsable(imageWidth: 20, imageHeight: 20))
        #expect(!MTCNN.Box(x1: -30, y1: -30, x2: 0, y2: 0).isUsable(imageWidth: 20, imageHeight: 20))
        #expect(!MTCNN.Box(x1: 10, y1: 10, x2: 8, y2: 20).isUsable(imageWidth: 20, imageHeight: 20))
        #expect(!MTCNN.Box(x1: 0, y1: 0, x2: 1e9, y2: 1e9).isUsable(imageWidth: 20, imageHeight: 20))
    }

    @Test func proposalsAreTheWindowsOfCellsAtOrAboveTheThreshold() throws {
        // A 2×3 map stored x first: cell (i, j) at index i·3 + j. Cells (0, 0) and (1, 2) pass.
        var probabilities = [Float](repeating: 0, count: 12)
        var regressions = [Float](repeating: 0, count: 24)
        for (cell, p) in [(0, Float(0.6)), (1, 0.59), (5, 0.95)] {
            probabilities[2 * cell] = 1 - p
            probabilities[2 * cell + 1] = p
            for k in 0..<4 { regressions[4 * cell + k] = Float(cell * 10 + k) / 100 }
        }
        let output = MTCNN.PNetOutput(mapWidth: 2, mapHeight: 3, regressions: regressions, probabilities: probabilities)
        let candidates = try MTCNN.proposals(from: output, scale: 0.5, threshold: 0.6)
        #expect(candidates.count == 2)
        // Cell (0, 0) at scale 0.5: x1 = ⌊1/0.5⌋ = 2, x2 = ⌊12/0.5⌋ = 24, the same for y.
        #expect(candidates.first == MTCNN.Candidate(box: MTCNN.Box(x1: 2, y1: 2, x2: 24, y2: 24), score: 0.6,
                                                    offsets: SIMD4(0, 0.01, 0.02, 0.03)))
        // Cell (1, 2): x1 = ⌊3/0.5⌋ = 6, y1 = ⌊5/0.5⌋ = 10, x2 = ⌊14/0.5⌋ = 28, y2 = ⌊16/0.5⌋ = 32.
        #expect(candidates.last == MTCNN.Candidate(box: MTCNN.Box(x1: 6, y1: 10, x2: 28, y2: 32), score: 0.95,
                                                   offsets: SIMD4(0.5, 0.51, 0.52, 0.53)))
        // Corners are truncated: at scale 0.3, cell (1, 2) gives ⌊3/0.3⌋ = 10, ⌊5/0.3⌋ = ⌊16.7⌋ = 16,
        // ⌊14/0.3⌋ = ⌊46.7⌋ = 46 and ⌊16/0.3⌋ = ⌊53.3⌋ = 53.
        let scaled = try MTCNN.proposals(from: output, scale: 0.3, threshold: 0.9)
        #expect(scaled.map(\.box) == [MTCNN.Box(x1: 10, y1: 16, x2: 46, y2: 53)])
    }

    @Test func proposalsRejectOutputsOfTheWrongSize() {
        let output = MTCNN.PNetOutput(mapWidth: 2, mapHeight: 3, regressions: [0, 0, 0, 0], probabilities: [0, 1])
        #expect(throws: MTCNNError.self) { try MTCNN.proposals(from: output, scale: 1, threshold: 0.5) }
    }
}
