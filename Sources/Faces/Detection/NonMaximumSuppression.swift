/// Non-maximum suppression: of boxes that overlap too much, keep only the best-scoring one.
///
/// Boxes are taken best first; each one kept removes every lower-ranked box whose overlap with it
/// is above ``threshold``. Overlap is measured on whole pixels as ``Rect`` defines them (a box covers
/// `width × height` pixels), so two boxes sharing one column overlap by one column.
public struct NonMaximumSuppression: Sendable, Hashable {
    /// How the shared area of two boxes is turned into an overlap between 0 and 1.
    public enum Overlap: Sendable, Hashable {
        /// Intersection over union (IoU), the usual measure.
        case union
        /// Intersection over the smaller box's area: a small box inside a large one overlaps
        /// fully. MTCNN's last stage uses it to drop boxes nested in a larger face.
        case minimum
    }

    /// Overlap above which the lower-scoring box is dropped.
    public var threshold: Double
    public var overlap: Overlap

    public init(threshold: Double, overlap: Overlap = .union) {
        self.threshold = threshold
        self.overlap = overlap
    }

    /// The indices of the boxes that survive, best score first. Of equal scores the later box
    /// comes first, as in the MTCNN ports, which sort scores ascending and take from the end:
    /// PNet often gives neighbouring windows a probability of exactly 1, and the order decides
    /// which of them survives.
    public func survivors(of boxes: [Rect], scores: [Float]) -> [Int] {
        precondition(boxes.count == scores.count, "\(boxes.count) boxes but \(scores.count) scores")
        let corners = boxes.map { box in
            SIMD4(Double(box.x), Double(box.y), Double(box.x) + Double(box.width) - 1,
                  Double(box.y) + Double(box.height) - 1)
        }
        return survivors(ofCorners: corners, scores: scores)
    }

    /// The same on boxes given by their inclusive corners `(left, top, right, bottom)`, in
    /// double precision: MTCNN's own form.
    func survivors(ofCorners corners: [SIMD4<Double>], scores: [Float]) -> [Int] {
        let order = corners.indices.sorted { a, b in
            scores[a] > scores[b] || (scores[a] == scores[b] && a > b)
        }
        // Corners and areas in rank order, so the inner loop reads memory in sequence.
        let ranked = order.map { corners[$0] }
        let areas = ranked.map { ($0.z - $0.x + 1) * ($0.w - $0.y + 1) }
        let byMinimum = overlap == .minimum
        var kept = [Int]()
        var suppressed = [Bool](repeating: false, count: ranked.count)
        ranked.withUnsafeBufferPointer { ranked in
            areas.withUnsafeBufferPointer { areas in
                suppressed.withUnsafeMutableBufferPointer { suppressed in
                    for rank in 0..<ranked.count where !suppressed[rank] {
                        kept.append(order[rank])
                        let box = ranked[rank], area = areas[rank]
                        for later in (rank &+ 1)..<ranked.count where !suppressed[later] {
                            let other = ranked[later]
                            let width = min(box.z, other.z) - max(box.x, other.x) + 1
                            guard width > 0 else { continue }
                            let height = min(box.w, other.w) - max(box.y, other.y) + 1
                            guard height > 0 else { continue }
                            let shared = width * height
                            let measure = byMinimum ? shared / min(area, areas[later])
                                : shared / (area + areas[later] - shared)
                            if measure > threshold { suppressed[later] = true }
                        }
                    }
                }
            }
        }
        return kept
    }
}
