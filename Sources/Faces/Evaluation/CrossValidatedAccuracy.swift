/// Verification accuracy the way the LFW protocol asks for it: for each fold, the distance
/// threshold that maximises accuracy on the other folds is applied to this fold; the result is
/// the mean and standard deviation of the per-fold accuracies.
///
/// A pair is called "same" when its distance is at most the threshold, so a pair with an infinite
/// distance (no face found) is always called "different".
public struct CrossValidatedAccuracy: Sendable, Hashable {
    public let foldAccuracies: [Double]
    /// The threshold chosen for each fold on the others.
    public let thresholds: [Float]

    public var mean: Double { foldAccuracies.reduce(0, +) / Double(foldAccuracies.count) }

    /// Population standard deviation over folds, as LFW results are usually quoted.
    public var standardDeviation: Double {
        let m = mean
        return (foldAccuracies.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(foldAccuracies.count)).squareRoot()
    }

    /// `folds[i]` names the fold of pair i; there must be at least two folds.
    public init(distances: [Float], same: [Bool], folds: [Int]) throws(EvaluationError) {
        guard distances.count == same.count else { throw .mismatchedCounts(distances.count, same.count) }
        guard distances.count == folds.count else { throw .mismatchedCounts(distances.count, folds.count) }
        let foldNames = Set(folds).sorted()
        guard foldNames.count >= 2 else { throw .tooFewPairs("cross-validation needs at least two folds of pairs") }
        var accuracies = [Double](), thresholds = [Float]()
        for fold in foldNames {
            let training = folds.indices.filter { folds[$0] != fold }
            let threshold = Self.bestThreshold(distances: training.map { distances[$0] }, same: training.map { same[$0] })
            let testing = folds.indices.filter { folds[$0] == fold }
            let correct = testing.filter { (distances[$0] <= threshold) == same[$0] }.count
            accuracies.append(Double(correct) / Double(testing.count))
            thresholds.append(threshold)
        }
        foldAccuracies = accuracies
        self.thresholds = thresholds
    }

    /// The threshold with the most correct calls, halfway between the last accepted distance and
    /// the next one so that it does not sit on a training pair. One sweep over the sorted pairs:
    /// moving the threshold past a pair turns it from "different" into "same".
    public static func bestThreshold(distances: [Float], same: [Bool]) -> Float {
        let order = distances.indices.filter { distances[$0].isFinite }.sorted { distances[$0] < distances[$1] }
        guard let first = order.first else { return 0 }
        var correct = same.filter { !$0 }.count
        var best = (correct: correct, threshold: distances[first] - 1)
        var index = 0
        while index < order.count {
            let distance = distances[order[index]]
            while index < order.count && distances[order[index]] == distance {
                correct += same[order[index]] ? 1 : -1
                index += 1
            }
            if correct > best.correct {
                let next = index < order.count ? distances[order[index]] : distance + 1
                best = (correct, (distance + next) / 2)
            }
        }
        return best.threshold
    }
}
