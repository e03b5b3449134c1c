extension MTCNN {
    /// PNet's candidates on one pyramid level: every map cell whose face probability reaches
    /// `threshold`, as the box of its 12×12 window in image coordinates, with the cell's
    /// offsets (not yet applied).
    ///
    /// Cell `(i, j)` covers level pixels `2i … 2i + 11` across and `2j … 2j + 11` down; in the
    /// ports' convention (see ``Box``) that is `x1 = ⌊(2i + 1)/scale⌋`, `x2 = ⌊(2i + 12)/scale⌋`,
    /// and the same for y. Candidates come in the map's memory order, x first.
    ///
    /// The ports have a slip here that is not reproduced: when exactly one cell of a level passes,
    /// they take its offsets from the mirror-image cell (`np.flipud`, a leftover of MATLAB's
    /// row-versus-column vectors). It changes the candidates RNet and ONet see on some photos,
    /// but not the faces found on any of the reference photos.
    public static func proposals(from output: PNetOutput, scale: Double,
                                 threshold: Float) throws(MTCNNError) -> [Candidate] {
        // The sizes come from a network and may be nonsense: compare without overflowing.
        let (cells, overflow) = output.mapWidth.multipliedReportingOverflow(by: output.mapHeight)
        guard output.mapWidth >= 0, output.mapHeight >= 0, !overflow,
              output.regressions.count.isMultiple(of: 4), output.regressions.count / 4 == cells,
              output.probabilities.count.isMultiple(of: 2), output.probabilities.count / 2 == cells else {
            throw .unexpectedOutput(network: "PNet", detail: "\(output.regressions.count) offsets and "
                + "\(output.probabilities.count) probabilities for a \(output.mapWidth)×\(output.mapHeight) map "
                + "(expected 4 and 2 per cell)")
        }
        var candidates = [Candidate]()
        output.probabilities.withUnsafeBufferPointer { probabilities in
            output.regressions.withUnsafeBufferPointer { regressions in
                for cell in 0..<cells where probabilities[2 &* cell &+ 1] >= threshold {
                    let i = Double(cell / output.mapHeight), j = Double(cell % output.mapHeight)
                    let box = Box(x1: ((2 * i + 1) / scale).rounded(.towardZero),
                                  y1: ((2 * j + 1) / scale).rounded(.towardZero),
                                  x2: ((2 * i + 12) / scale).rounded(.towardZero),
                                  y2: ((2 * j + 12) / scale).rounded(.towardZero))
                    let r = 4 &* cell
                    candidates.append(Candidate(box: box, score: probabilities[2 &* cell &+ 1],
                                                offsets: SIMD4(regressions[r], regressions[r &+ 1],
                                                               regressions[r &+ 2], regressions[r &+ 3])))
                }
            }
        }
        return candidates
    }
}
