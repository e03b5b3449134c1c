import Foundation

/// Multinomial logistic regression: one linear score per person, turned into probabilities by
/// softmax, trained with Adam (Kingma & Ba 2015) on cross-entropy plus an L2 penalty.
///
/// A stratified part of the training set is held out for validation; training stops when the
/// validation loss has not improved for `patience` epochs and keeps the best weights seen,
/// which is early stopping. Descriptors are standardised per dimension first, because dlib's
/// values are small (about ±0.2) and would otherwise need tiny steps to reach useful logits.
///
/// The score is the winning probability; below `threshold` the face is unknown.
public struct SoftmaxRegressionClassifier: DescriptorClassifier {
    public var learningRate: Float
    /// Weight of ½‖W‖² in the loss (the biases are not penalised).
    public var l2: Float
    public var maximumEpochs: Int
    /// Epochs without a better validation loss before training stops.
    public var patience: Int
    /// Share of each person's examples held out for validation; a person always keeps one
    /// example for training, and no validation set means no early stopping.
    public var validationFraction: Double
    /// Probability below which the face is a stranger; 0 never rejects.
    public var threshold: Float
    /// Seeds the choice of validation examples.
    public var seed: UInt64
    public private(set) var classes: [String] = []
    /// Row-major, one row per class: the weights on standardised values, bias last.
    private var weights: [Float] = []
    private var centre: [Float] = []
    private var scale: [Float] = []

    public init(learningRate: Float = 0.01, l2: Float = 1e-3, maximumEpochs: Int = 2000, patience: Int = 50,
                validationFraction: Double = 0.2, threshold: Float = 0, seed: UInt64 = 0) {
        self.learningRate = learningRate
        self.l2 = l2
        self.maximumEpochs = maximumEpochs
        self.patience = patience
        self.validationFraction = validationFraction
        self.threshold = threshold
        self.seed = seed
    }

    public mutating func fit(_ training: LabelledDescriptors) throws {
        let dimension = training.dimension
        classes = training.classes
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        centre = (0..<dimension).map { j in training.descriptors.reduce(0) { $0 + $1.values[j] } / Float(training.count) }
        scale = (0..<dimension).map { j in
            let variance = training.descriptors.reduce(0) { $0 + ($1.values[j] - centre[j]) * ($1.values[j] - centre[j]) }
                / Float(training.count)
            return variance > 0 ? 1 / variance.squareRoot() : 1
        }
        let rows = training.descriptors.map { standardised($0) }
        let targets = training.labels.map { classIndex[$0] ?? 0 }

        var generator = SeededGenerator(seed: seed)
        var validation = [Int]()
        // Classes in index order: a dictionary's order changes from run to run, the seed's draws must not.
        let byClass = Dictionary(grouping: targets.indices, by: { targets[$0] })
        for members in byClass.keys.sorted().compactMap({ byClass[$0] }) {
            let held = min(Int((Double(members.count) * validationFraction).rounded()), members.count - 1)
            validation += members.shuffled(using: &generator).prefix(held)
        }
        let held = Set(validation)
        let fitting = targets.indices.filter { !held.contains($0) }

        let width = dimension + 1
        var w = [Float](repeating: 0, count: classes.count * width)
        var firstMoment = w, secondMoment = w
        var best = (loss: Float.infinity, weights: w)
        var sinceBest = 0
        let (beta1, beta2, epsilon): (Float, Float, Float) = (0.9, 0.999, 1e-8)
        for epoch in 1...max(maximumEpochs, 1) {
            let gradient = crossEntropy(rows: rows, targets: targets, indices: fitting, weights: w, withGradient: true).gradient
            let correction1 = 1 - pow(beta1, Float(epoch)), correction2 = 1 - pow(beta2, Float(epoch))
            w.withUnsafeMutableBufferPointer { w in
                for k in w.indices {
                    let g = gradient[k] + (k % width == dimension ? 0 : l2 * w[k])
                    firstMoment[k] = beta1 * firstMoment[k] + (1 - beta1) * g
                    secondMoment[k] = beta2 * secondMoment[k] + (1 - beta2) * g * g
                    w[k] -= learningRate * (firstMoment[k] / correction1)
                        / ((secondMoment[k] / correction2).squareRoot() + epsilon)
                }
            }
            guard !validation.isEmpty else { continue }
            let loss = crossEntropy(rows: rows, targets: targets, indices: validation, weights: w, withGradient: false).loss
            if loss < best.loss {
                best = (loss, w)
                sinceBest = 0
            } else {
                sinceBest += 1
                if sinceBest >= patience { break }
            }
        }
        weights = validation.isEmpty ? w : best.weights
    }

    /// The probability of each class, by label.
    public func probabilities(_ descriptor: FaceDescriptor) -> [String: Float] {
        guard !classes.isEmpty, descriptor.count == centre.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(classes, softmax(standardised(descriptor), weights: weights)))
    }

    public var scoreOrder: ScoreOrder { .largerIsSurer }

    public func validate(dimension: Int) throws {
        guard classes.isEmpty || (weights.count == classes.count * (dimension + 1)
            && centre.count == dimension && scale.count == dimension) else {
            throw LearningError.inconsistentState("softmax weights do not match \(classes.count) classes of \(dimension) values")
        }
    }

    public func predict(_ descriptor: FaceDescriptor) -> Prediction {
        let best = probabilities(descriptor).max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
        guard let best else { return .untrained }
        return Prediction(label: scoreOrder.accepts(best.value, threshold: threshold) ? best.key : nil, candidate: best.key, score: best.value)
    }

    private func standardised(_ descriptor: FaceDescriptor) -> [Float] {
        (0..<centre.count).map { (descriptor.values[$0] - centre[$0]) * scale[$0] }
    }

    /// Class probabilities for one standardised row, shifted by the largest logit so that
    /// exp cannot overflow.
    private func softmax(_ row: [Float], weights: [Float]) -> [Float] {
        let width = row.count + 1
        let logits = (0..<classes.count).map { k in
            (0..<row.count).reduce(weights[k * width + row.count]) { $0 + weights[k * width + $1] * row[$1] }
        }
        let largest = logits.max() ?? 0
        let exponentials = logits.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// Mean cross-entropy over `indices` and, when asked, its gradient with respect to the
    /// weights: (p − onehot) xᵀ averaged over the rows (empty otherwise).
    private func crossEntropy(rows: [[Float]], targets: [Int], indices: [Int], weights: [Float],
                              withGradient: Bool) -> (loss: Float, gradient: [Float]) {
        let width = (rows.first?.count ?? 0) + 1
        var loss: Float = 0
        var sum = [Float](repeating: 0, count: withGradient ? weights.count : 0)
        sum.withUnsafeMutableBufferPointer { sum in
            for i in indices {
                let p = softmax(rows[i], weights: weights)
                loss -= log(max(p[targets[i]], .leastNormalMagnitude))
                guard withGradient else { continue }
                for k in p.indices {
                    let error = p[k] - (k == targets[i] ? 1 : 0)
                    for j in 0..<(width - 1) { sum[k * width + j] += error * rows[i][j] }
                    sum[k * width + width - 1] += error
                }
            }
        }
        let n = Float(max(indices.count, 1))
        return (loss / n, sum.map { $0 / n })
    }
}
