/// A rejection threshold for a trained recogniser, chosen so that at most a target share of
/// strangers' faces get a name: the open-set false-accept rate a door camera cares about.
///
/// Strangers are simulated from the gallery itself. The people are dealt into rounds; in each
/// round one group is left out, a model is trained by the same ``TrainingRecipe`` on everyone
/// else, and each left-out face gives the score of its best (wrong) candidate. With those N
/// stranger scores ordered from most to least convincing, s₀, s₁, …, the threshold lets the
/// first k through, k the largest integer with k/N ≤ target: it lies halfway between s₍ₖ₋₁₎
/// and s₍ₖ₎ (k lowered while s₍ₖ₋₁₎ = s₍ₖ₎: ties are let through together or not at all),
/// or just short of s₀ when k = 0. So the resolution is 1/N: with fewer than 1/target
/// stranger faces the threshold is simply the strictest one that accepts none of them.
public struct OpenSetCalibration: Sendable, Hashable, Codable {
    public let targetFalseAcceptRate: Double
    public let threshold: Float
    public let scoreOrder: ScoreOrder
    /// The simulated stranger faces the threshold was chosen on.
    public let strangerFaces: Int
    /// How many of them the threshold accepts.
    public let acceptedStrangers: Int

    /// The false-accept rate on the calibration strangers.
    public var falseAcceptRate: Double { Double(acceptedStrangers) / Double(max(strangerFaces, 1)) }

    /// The threshold for given stranger scores.
    public init(strangerScores: [Float], scoreOrder: ScoreOrder, targetFalseAcceptRate target: Double) throws {
        guard target > 0, target < 1 else { throw LearningError.invalidFalseAcceptRate(target) }
        // As distances, smaller is more convincing, whatever the classifier's scores mean.
        let sign: Float = scoreOrder == .smallerIsSurer ? 1 : -1
        let ordered = strangerScores.filter { !$0.isNaN }.map { sign * $0 }.sorted()
        guard !ordered.isEmpty else { throw LearningError.tooFewPeople(needed: 2, found: 1) }
        let n = ordered.count
        var k = permittedAccepts(rate: target, of: n)
        // A threshold cannot split equal scores: with s₍ₖ₋₁₎ = s₍ₖ₎ it would let both through
        // (a pair of members who are each other's nearest stranger ties exactly), so step down.
        while k > 0, k < n, ordered[k - 1] == ordered[k] { k -= 1 }
        let distance: Float = switch k {
        case 0: ordered[0].nextDown
        case n: .infinity
        default: ordered[k - 1] + (ordered[k] - ordered[k - 1]) / 2
        }
        threshold = sign * distance
        self.scoreOrder = scoreOrder
        targetFalseAcceptRate = target
        strangerFaces = n
        acceptedStrangers = ordered.filter { $0 <= distance }.count
    }

    /// Calibrates `recipe` on `data`, holding each person out once as a stranger over
    /// `rounds` rounds (leave-one-person-out when there are fewer people than rounds).
    public init(recipe: TrainingRecipe, data: LabelledDescriptors, targetFalseAcceptRate: Double,
                rounds: Int = 10, seed: UInt64 = 0) throws {
        guard targetFalseAcceptRate > 0, targetFalseAcceptRate < 1 else {
            throw LearningError.invalidFalseAcceptRate(targetFalseAcceptRate)
        }
        var scores = [Float]()
        for strangers in try PeopleRounds(people: data.classes, rounds: rounds, seed: seed).groups {
            let split = PeopleRounds.split(data, strangers: strangers)
            guard let known = split.known else { continue }
            scores += try recipe.fit(known).candidateScores(split.strangers).map(\.score)
        }
        try self.init(strangerScores: scores, scoreOrder: recipe.classifier.untrained().scoreOrder,
                      targetFalseAcceptRate: targetFalseAcceptRate)
    }
}
