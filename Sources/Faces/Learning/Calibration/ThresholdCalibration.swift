/// A verification threshold chosen for a target false-accept rate, and how it performs.
///
/// A pair is *accepted* (called the same person) when its distance is strictly below the
/// threshold. With N impostor distances sorted ascending as s₀ ≤ s₁ ≤ …, the threshold is s_k
/// where k is the largest integer with k/N ≤ target: the smallest impostor distance that must
/// be rejected to keep the false-accept rate within the target. Every threshold up to s_k meets
/// the target and s_k accepts the most genuine pairs of them; ties at s_k are all rejected, so
/// the measured rate can fall below k/N. When the target allows every impostor (k = N) the
/// threshold is just above the largest impostor distance.
public struct CalibrationReport: Sendable, Hashable {
    public let genuineCount: Int
    public let impostorCount: Int
    public let targetFalseAcceptRate: Double
    public let threshold: Float
    /// Impostor pairs with distance < threshold, as a fraction of all impostor pairs.
    public let falseAcceptRate: Double
    /// Genuine pairs with distance ≥ threshold, as a fraction of all genuine pairs.
    public let falseRejectRate: Double
    /// The middle genuine and impostor distances, to see how far apart the two lie.
    public let genuineMedian: Float
    public let impostorMedian: Float

    public init(distributions: DistanceDistributions, targetFalseAcceptRate target: Double) throws {
        guard target >= 0, target <= 1 else { throw CalibrationError.invalidFalseAcceptRate(target) }
        let impostor = distributions.impostor, genuine = distributions.genuine
        let n = impostor.count
        let k = permittedAccepts(rate: target, of: n)
        let threshold = k < n ? impostor[k] : impostor[n - 1].nextUp
        self.threshold = threshold
        genuineCount = genuine.count
        impostorCount = n
        targetFalseAcceptRate = target
        let accepted = impostor.prefix { $0 < threshold }.count
        let acceptedGenuine = genuine.prefix { $0 < threshold }.count
        falseAcceptRate = Double(accepted) / Double(n)
        falseRejectRate = Double(genuine.count - acceptedGenuine) / Double(genuine.count)
        genuineMedian = genuine[genuine.count / 2]
        impostorMedian = impostor[n / 2]
    }

    /// Calibrates from labelled descriptors over all pairs.
    public init(descriptors: [FaceDescriptor], labels: [String], targetFalseAcceptRate: Double) throws {
        try self.init(distributions: DistanceDistributions(descriptors: descriptors, labels: labels),
                      targetFalseAcceptRate: targetFalseAcceptRate)
    }
}

/// The largest k ≤ `count` with k/count ≤ `rate`: how many of `count` impostors or strangers a
/// threshold may let through to keep within a target false-accept rate.
func permittedAccepts(rate: Double, of count: Int) -> Int {
    var k = min(Int((rate * Double(count)).rounded(.down)), count)
    // Rounding down rate·count can land one short (0.29·100 = 28.999…), so step up if allowed.
    if k < count, Double(k + 1) / Double(count) <= rate { k += 1 }
    return k
}
