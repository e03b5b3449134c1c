import Faces
import Testing

/// Non-maximum suppression on hand-made boxes whose overlaps are worked out in the comments.
@Suite struct NMSTests {
    @Test func unionOverlapIsIntersectionOverUnion() {
        // 10×10 boxes shifted by 5 columns share 5×10 = 50 pixels; union 100 + 100 − 50 = 150,
        // so IoU = 1/3.
        let boxes = [Rect(x: 0, y: 0, width: 10, height: 10), Rect(x: 5, y: 0, width: 10, height: 10)]
        #expect(NonMaximumSuppression(threshold: 0.33).survivors(of: boxes, scores: [0.9, 0.8]) == [0])
        #expect(NonMaximumSuppression(threshold: 0.34).survivors(of: boxes, scores: [0.9, 0.8]) == [0, 1])
    }

    @Test func minimumOverlapDropsABoxInsideABetterOne() {
        // A 5×5 box inside a 20×20 one: intersection 25, IoU 25/400 = 0.0625 (kept with .union),
        // intersection over the smaller area 25/25 = 1 (dropped with .minimum).
        let boxes = [Rect(x: 0, y: 0, width: 20, height: 20), Rect(x: 2, y: 2, width: 5, height: 5)]
        #expect(NonMaximumSuppression(threshold: 0.7, overlap: .union).survivors(of: boxes, scores: [0.9, 0.8]) == [0, 1])
        #expect(NonMaximumSuppression(threshold: 0.7, overlap: .minimum).survivors(of: boxes, scores: [0.9, 0.8]) == [0])
        // The rule is symmetric: a better small box also removes the large one around it.
        #expect(NonMaximumSuppression(threshold: 0.7, overlap: .minimum).survivors(of: boxes, scores: [0.8, 0.9]) == [1])
    }

    @Test func boxesSharingOneColumnOverlapByThatColumn() {
        // Columns 0…9 and 9…18 share column 9: intersection 1×10 = 10, union 190, IoU ≈ 0.0526.
        let boxes = [Rect(x: 0, y: 0, width: 10, height: 10), Rect(x: 9, y: 0, width: 10, height: 10)]
        #expect(NonMaximumSuppression(threshold: 0.05).survivors(of: boxes, scores: [0.9, 0.8]) == [0])
        #expect(NonMaximumSuppression(threshold: 0.06).survivors(of: boxes, scores: [0.9, 0.8]) == [0, 1])
        // Side by side without a shared column, they never suppress each other.
        let apart = [Rect(x: 0, y: 0, width: 10, height: 10), Rect(x: 10, y: 0, width: 10, height: 10)]
        #expect(NonMaximumSuppression(threshold: 0).survivors(of: apart, scores: [0.9, 0.8]) == [0, 1])
    }

    @Test func onlyKeptBoxesSuppress() {
        // A overlaps B (IoU 80/120 ≈ 0.67), B overlaps C (same), A and C overlap 60/140 ≈ 0.43.
        // With threshold 0.5 the best box A removes B; B, removed, cannot remove C.
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        let b = Rect(x: 2, y: 0, width: 10, height: 10)
        let c = Rect(x: 4, y: 0, width: 10, height: 10)
        #expect(NonMaximumSuppression(threshold: 0.5).survivors(of: [c, a, b], scores: [0.7, 0.9, 0.8]) == [1, 0])
    }

    @Test func survivorsComeBestFirstAndEqualScoresLaterFirst() {
        let far = (0..<4).map { Rect(x: Float($0) * 100, y: 0, width: 10, height: 10) }
        #expect(NonMaximumSuppression(threshold: 0.5).survivors(of: far, scores: [0.2, 0.9, 0.5, 0.7]) == [1, 3, 2, 0])
        // Two identical boxes with the same score: the later survives, as in the MTCNN ports.
        let twins = [Rect(x: 0, y: 0, width: 10, height: 10), Rect(x: 0, y: 0, width: 10, height: 10)]
        #expect(NonMaximumSuppression(threshold: 0.5).survivors(of: twins, scores: [1, 1]) == [1])
    }

    @Test func noBoxesGiveNoSurvivors() {
        #expect(NonMaximumSuppression(threshold: 0.5).survivors(of: [], scores: []).isEmpty)
    }
}
