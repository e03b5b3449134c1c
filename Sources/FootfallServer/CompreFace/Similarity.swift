import Foundation

/// CompreFace reports `similarity` in [0, 1], higher for nearer faces, with 0.5 the natural
/// threshold. Footfall's distances map onto that scale around the site's own threshold t:
///
///     similarity = (tanh(3 · (t − d) / t) + 1) / 2
///
/// so d = t gives exactly 0.5, d = 0 gives 0.9975, and the order of distances is kept (the map
/// is strictly decreasing). Unlike CompreFace, a face beyond the threshold is not offered as a
/// candidate at all: recognition lists only members it would name.
enum Similarity {
    static func of(distance: Float, threshold: Float) -> Double {
        let t = Double(max(threshold, .leastNormalMagnitude))
        return rounded((tanh(3 * (t - Double(distance)) / t) + 1) / 2)
    }

    /// CompreFace rounds similarities and probabilities to 5 decimals.
    static func rounded(_ value: Double) -> Double {
        (value * 100_000).rounded() / 100_000
    }
}
