/// How well two partitions of the same items agree, corrected for chance (Hubert & Arabie 1985):
/// 1 for identical partitions whatever the label names, about 0 for random ones, negative when
/// worse than chance. Used to score clusters against the true identities.
///
/// From the contingency table n_ij (items in cluster i of `a` and j of `b`), with row sums a_i,
/// column sums b_j and C(x) = x(x−1)/2:
///
///     ARI = (Σ C(n_ij) − E) / (½(Σ C(a_i) + Σ C(b_j)) − E),   E = Σ C(a_i) · Σ C(b_j) / C(n)
///
/// When both partitions are trivial in the same way (all singletons, or one cluster) the formula
/// is 0/0 and the answer is 1, as for any identical pair of partitions.
public func adjustedRandIndex<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) throws(EvaluationError) -> Double {
    guard a.count == b.count else { throw .mismatchedCounts(a.count, b.count) }
    func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }

    var cells = [Pair<A, B>: Int](), rows = [A: Int](), columns = [B: Int]()
    for (x, y) in zip(a, b) {
        cells[Pair(x, y), default: 0] += 1
        rows[x, default: 0] += 1
        columns[y, default: 0] += 1
    }
    let together = cells.values.reduce(0) { $0 + pairs($1) }
    let rowPairs = rows.values.reduce(0) { $0 + pairs($1) }
    let columnPairs = columns.values.reduce(0) { $0 + pairs($1) }
    let expected = a.count < 2 ? 0 : rowPairs * columnPairs / pairs(a.count)
    let maximum = (rowPairs + columnPairs) / 2
    guard maximum != expected else { return 1 }
    return (together - expected) / (maximum - expected)
}

private struct Pair<A: Hashable, B: Hashable>: Hashable {
    let a: A, b: B
    init(_ a: A, _ b: B) { self.a = a; self.b = b }
}
