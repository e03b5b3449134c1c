/// How well a ``TrainingRecipe`` names known people and turns strangers away, measured on
/// labelled descriptors by cross-validation.
///
/// - Closed set: each person's faces are dealt into `folds` folds; each fold is named by a
///   model trained on the others. Accuracy counts the best candidate (no rejection); accuracy
///   at threshold also requires it to pass a threshold calibrated, for the target false-accept
///   rate, on that fold's training data alone.
/// - Open set: the people are dealt into `strangerRounds` groups; each group in turn is left
///   out, a model is trained and calibrated on everyone else, and every face of the left-out
///   people is presented as a stranger. A stranger given any name is a false accept.
///
/// No face ever helps choose a threshold it is then tested against.
public struct RecogniserEvaluation: Sendable, Codable {
    public struct PersonRecall: Sendable, Codable, Hashable {
        public let person: String
        public let faces: Int
        /// Faces whose best candidate was this person (closed set, no rejection).
        public let named: Int
        public var recall: Double { Double(named) / Double(max(faces, 1)) }
    }

    public let folds: Int
    public let faces: Int
    public let people: Int
    /// Closed-set faces named correctly, best candidate only.
    public let correct: Int
    /// Closed-set faces named correctly and accepted by the fold's calibrated threshold.
    public let correctAtThreshold: Int
    public let foldAccuracies: [Double]
    public let recall: [PersonRecall]
    public let targetFalseAcceptRate: Double
    public let strangerRounds: Int
    public let calibrationRounds: Int
    /// Faces presented as strangers over all rounds, and those given a name.
    public let strangerFaces: Int
    public let acceptedStrangers: Int
    /// Each round's calibrated threshold.
    public let strangerThresholds: [Float]

    public var accuracy: Double { Double(correct) / Double(max(faces, 1)) }
    public var accuracyAtThreshold: Double { Double(correctAtThreshold) / Double(max(faces, 1)) }
    public var strangerFalseAcceptRate: Double { Double(acceptedStrangers) / Double(max(strangerFaces, 1)) }

    /// `calibrationRounds` is passed to every ``OpenSetCalibration``; more rounds train the
    /// calibration models on more of the people, closer to the model being calibrated.
    public init(recipe: TrainingRecipe, data: LabelledDescriptors, folds: Int = 5, strangerRounds: Int = 5,
                calibrationRounds: Int = 10, targetFalseAcceptRate: Double = 0.01, seed: UInt64 = 0) throws {
        guard folds >= 2 else { throw LearningError.inconsistentState("cross-validation needs at least 2 folds") }
        guard data.classes.count >= 3 else { throw LearningError.tooFewPeople(needed: 3, found: data.classes.count) }
        self.folds = folds
        self.strangerRounds = strangerRounds
        self.calibrationRounds = calibrationRounds
        self.targetFalseAcceptRate = targetFalseAcceptRate
        faces = data.count
        people = data.classes.count

        var generator = SeededGenerator(seed: seed)
        var foldOf = [Int](repeating: 0, count: data.count)
        for label in data.classes {
            let members = data.labels.indices.filter { data.labels[$0] == label }.shuffled(using: &generator)
            for (position, index) in members.enumerated() { foldOf[index] = position % folds }
        }
        var named = [Bool](repeating: false, count: data.count)
        var accepted = [Bool](repeating: false, count: data.count)
        var foldAccuracies = [Double]()
        for fold in 0..<folds {
            let testing = data.labels.indices.filter { foldOf[$0] == fold }
            guard !testing.isEmpty, let training = data.subset(data.labels.indices.filter { foldOf[$0] != fold }) else { continue }
            let model = try recipe.fit(training)
            let candidates = try model.candidateScores(testing.map { data.descriptors[$0] })
            let calibration = try OpenSetCalibration(recipe: recipe, data: training, targetFalseAcceptRate: targetFalseAcceptRate,
                                                     rounds: calibrationRounds, seed: seed)
            for (index, candidate) in zip(testing, candidates) {
                named[index] = candidate.candidate == data.labels[index]
                accepted[index] = named[index] && calibration.scoreOrder.accepts(candidate.score, threshold: calibration.threshold)
            }
            foldAccuracies.append(Double(testing.filter { named[$0] }.count) / Double(testing.count))
        }
        correct = named.filter { $0 }.count
        correctAtThreshold = accepted.filter { $0 }.count
        self.foldAccuracies = foldAccuracies
        recall = data.classes.map { person in
            let members = data.labels.indices.filter { data.labels[$0] == person }
            return PersonRecall(person: person, faces: members.count, named: members.filter { named[$0] }.count)
        }

        var strangerFaces = 0, acceptedStrangers = 0
        var thresholds = [Float]()
        for strangers in try PeopleRounds(people: data.classes, rounds: strangerRounds, seed: seed).groups {
            let split = PeopleRounds.split(data, strangers: strangers)
            guard let known = split.known else { continue }
            var model = try recipe.fit(known)
            model.calibration = try OpenSetCalibration(recipe: recipe, data: known, targetFalseAcceptRate: targetFalseAcceptRate,
                                                       rounds: calibrationRounds, seed: seed)
            thresholds.append(model.calibration?.threshold ?? .nan)
            strangerFaces += split.strangers.count
            acceptedStrangers += try split.strangers.filter { try model.predict($0).label != nil }.count
        }
        self.strangerFaces = strangerFaces
        self.acceptedStrangers = acceptedStrangers
        strangerThresholds = thresholds
    }
}
