/// The receiver operating characteristic of a face verifier: for every distance threshold, the
/// share of matched pairs accepted (true accept rate, TAR) against the share of mismatched pairs
/// accepted (false accept rate, FAR). A pair is accepted when its distance is at most the threshold.
///
/// A pair whose distance is `.infinity` (no face found) is never accepted at a finite threshold:
/// a matched one counts as a false reject, a mismatched one as a correct reject. The curve always
/// ends at (1, 1), the threshold that accepts everything.
public struct ROCCurve: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var threshold: Float
        public var falseAcceptRate: Double
        public var trueAcceptRate: Double
    }

    /// From the strictest threshold (nothing accepted, at (0, 0)) to the loosest.
    public let points: [Point]

    public init(distances: [Float], same: [Bool]) throws(EvaluationError) {
        guard distances.count == same.count else { throw .mismatchedCounts(distances.count, same.count) }
        let positives = same.filter { $0 }.count, negatives = same.count - positives
        guard positives > 0, negatives > 0 else {
            throw .tooFewPairs("a ROC curve needs matched and mismatched pairs; got \(positives) and \(negatives)")
        }
        let order = distances.indices.sorted { distances[$0] < distances[$1] }
        var points = [Point(threshold: -.infinity, falseAcceptRate: 0, trueAcceptRate: 0)]
        var accepted = (true: 0, false: 0)
        var index = 0
        while index < order.count {
            let threshold = distances[order[index]]
            // Pairs at the same distance are accepted together: one point per distinct threshold.
            while index < order.count && distances[order[index]] == threshold {
                if same[order[index]] { accepted.true += 1 } else { accepted.false += 1 }
                index += 1
            }
            points.append(Point(threshold: threshold, falseAcceptRate: Double(accepted.false) / Double(negatives),
                                trueAcceptRate: Double(accepted.true) / Double(positives)))
        }
        if let last = points.last, last.falseAcceptRate < 1 || last.trueAcceptRate < 1 {
            points.append(Point(threshold: .infinity, falseAcceptRate: 1, trueAcceptRate: 1))
        }
        self.points = points
    }

    /// Area under the curve by the trapezoid rule: the chance that a random matched pair is closer
    /// than a random mismatched one, ties counting half.
    public var areaUnderCurve: Double {
        zip(points, points.dropFirst()).reduce(0) { area, segment in
            area + (segment.1.falseAcceptRate - segment.0.falseAcceptRate)
                * (segment.0.trueAcceptRate + segment.1.trueAcceptRate) / 2
        }
    }

    /// The error rate where false accepts equal false rejects (1 − TAR), interpolated linearly
    /// between the two points that straddle it.
    public var equalErrorRate: Double {
        func gap(_ p: Point) -> Double { p.falseAcceptRate - (1 - p.trueAcceptRate) }
        for (before, after) in zip(points, points.dropFirst()) where gap(after) >= 0 {
            let t = gap(after) == gap(before) ? 0 : -gap(before) / (gap(after) - gap(before))
            return before.falseAcceptRate + t * (after.falseAcceptRate - before.falseAcceptRate)
        }
        return 1
    }

    /// The best TAR among thresholds whose FAR does not exceed `falseAcceptRate`. With N
    /// mismatched pairs FAR moves in steps of 1/N, so below 1/N this is the TAR at FAR 0.
    public func trueAcceptRate(atFalseAcceptRate falseAcceptRate: Double) -> Double {
        points.filter { $0.falseAcceptRate <= falseAcceptRate }.map(\.trueAcceptRate).max() ?? 0
    }
}
