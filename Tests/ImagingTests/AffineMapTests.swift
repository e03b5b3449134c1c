import Foundation
import Testing
import Imaging

@Suite struct AffineMapTests {
    private func close(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ tolerance: Double = 1e-12) -> Bool {
        abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
    }

    @Test func appliesMatrixThenTranslation() {
        let map = AffineMap(m00: 2, m01: 3, m10: -1, m11: 4, translation: SIMD2(10, 20))
        // (2·5 + 3·7 + 10, −1·5 + 4·7 + 20)
        #expect(map.apply(SIMD2(5, 7)) == SIMD2(41, 43))
        #expect(map.apply(to: Point(x: 5, y: 7)) == Point(x: 41, y: 43))
        #expect(AffineMap.identity.apply(SIMD2(-3.5, 8.25)) == SIMD2(-3.5, 8.25))
    }

    @Test func composesInTheOrderWritten() {
        let shift = AffineMap.translation(dx: 3, dy: 4), double = AffineMap.scaling(2)
        // (1, 2) shifted is (4, 6), then doubled (8, 12); doubled first it is (2, 4), then (5, 8).
        #expect(shift.then(double).apply(SIMD2(1, 2)) == SIMD2(8, 12))
        #expect(double.then(shift).apply(SIMD2(1, 2)) == SIMD2(5, 8))
    }

    @Test func rotationTurnsXTowardsY() {
        #expect(close(AffineMap.rotation(.pi / 2).apply(SIMD2(1, 0)), SIMD2(0, 1)))
        #expect(close(AffineMap.rotation(.pi).apply(SIMD2(2, 3)), SIMD2(-2, -3)))
    }

    @Test func inverseUndoesTheMap() throws {
        let map = AffineMap(m00: 1.5, m01: -0.25, m10: 0.75, m11: 2, translation: SIMD2(-7, 3.5))
        let inverse = try #require(map.inverse)
        for p in [SIMD2(0.0, 0.0), SIMD2(12.5, -4), SIMD2(-100, 250)] {
            #expect(close(inverse.apply(map.apply(p)), p, 1e-10))
            #expect(close(map.then(inverse).apply(p), p, 1e-10))
        }
        #expect(AffineMap(m00: 1, m01: 2, m10: 2, m11: 4).inverse == nil)
        #expect(AffineMap(m00: .nan, m01: 0, m10: 0, m11: 1).inverse == nil)
    }

    @Test func similarityFitRecoversAKnownSimilarity() throws {
        let (scale, angle, shift) = (1.7, 0.3, SIMD2(5.0, -2.0))
        let truth = AffineMap(m00: scale * cos(angle), m01: -scale * sin(angle),
                              m10: scale * sin(angle), m11: scale * cos(angle), translation: shift)
        let from = [SIMD2(0.0, 0.0), SIMD2(10, 0), SIMD2(3, 7), SIMD2(-4, 2), SIMD2(6, -5)]
        let fitted = try #require(AffineMap.similarity(from: from, to: from.map(truth.apply)))
        for (a, b) in [(fitted.m00, truth.m00), (fitted.m01, truth.m01), (fitted.m10, truth.m10),
                       (fitted.m11, truth.m11), (fitted.translation.x, shift.x), (fitted.translation.y, shift.y)] {
            #expect(abs(a - b) < 1e-12)
        }
    }

    @Test func similarityFitNeverMirrors() throws {
        // The best similarity onto a mirror image cannot mirror: its determinant stays positive.
        let from = [SIMD2(0.0, 0.0), SIMD2(4, 0), SIMD2(0, 2), SIMD2(3, 3)]
        let fitted = try #require(AffineMap.similarity(from: from, to: from.map { SIMD2(-$0.x, $0.y) }))
        #expect(fitted.m00 * fitted.m11 - fitted.m01 * fitted.m10 >= 0)
        #expect(fitted.m00 == fitted.m11 && fitted.m01 == -fitted.m10)
    }

    @Test func similarityFitNeedsTwoMatchingPoints() {
        #expect(AffineMap.similarity(from: [SIMD2(1, 1)], to: [SIMD2(2, 2)]) == nil)
        #expect(AffineMap.similarity(from: [SIMD2(1, 1), SIMD2(2, 2)], to: [SIMD2(2, 2)]) == nil)
    }
}
