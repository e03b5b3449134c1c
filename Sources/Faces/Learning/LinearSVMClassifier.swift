/// A linear support vector machine per person (one-vs-rest), trained by dual coordinate
/// descent (Hsieh, Chang, Lin, Keerthi & Sundararajan, "A Dual Coordinate Descent Method for
/// Large-scale Linear SVM", ICML 2008), the solver behind liblinear.
///
/// Each binary problem minimises ½‖w‖² + C Σ max(0, 1 − yᵢ w·xᵢ) (L2-regularised hinge loss).
/// Its dual has one variable αᵢ ∈ [0, C] per example and w = Σ αᵢ yᵢ xᵢ, so each coordinate
/// step is a closed-form one-dimensional update that costs two dot products. The bias is
/// learnt as an ordinary weight by appending a constant 1 to every descriptor.
///
/// The score is the winning class's decision value w·x; below `threshold` the face is unknown.
/// A value above 0 means the face lies on that person's side of their hyperplane.
public struct LinearSVMClassifier: DescriptorClassifier {
    /// Penalty on margin violations: larger fits the training set harder.
    public var c: Float
    /// Decision value below which the face is a stranger; −∞ never rejects.
    public var threshold: Float
    /// Seeds the order in which coordinates are visited, so training is reproducible.
    public var seed: UInt64
    /// Passes over the data at most, per class.
    public var maximumEpochs: Int
    /// Stop once the projected gradient spans less than this (liblinear's ε).
    public var tolerance: Float
    /// One weight vector per class, bias last, in ``classes`` order.
    public private(set) var weights: [[Float]] = []
    public private(set) var classes: [String] = []

    public init(c: Float = 1, threshold: Float = -.infinity, seed: UInt64 = 0,
                maximumEpochs: Int = 1000, tolerance: Float = 1e-3) {
        self.c = c
        self.threshold = threshold
        self.seed = seed
        self.maximumEpochs = maximumEpochs
        self.tolerance = tolerance
    }

    public mutating func fit(_ training: LabelledDescriptors) throws {
        let width = training.dimension + 1
        var features = [Float](repeating: 1, count: training.count * width)
        for (row, descriptor) in training.descriptors.enumerated() {
            for column in 0..<training.dimension { features[row * width + column] = descriptor.values[column] }
        }
        classes = training.classes
        var generator = SeededGenerator(seed: seed)
        weights = classes.map { positive in
            let signs = training.labels.map { $0 == positive ? Float(1) : -1 }
            return trainBinary(features: features, width: width, signs: signs, generator: &generator)
        }
    }

    /// w·x + b for each class, by label.
    public func decisionValues(_ descriptor: FaceDescriptor) -> [String: Float] {
        guard descriptor.count + 1 == weights.first?.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(classes, weights).map { label, w in
            var sum = w[descriptor.count]
            for i in 0..<descriptor.count { sum += w[i] * descriptor.values[i] }
            return (label, sum)
        })
    }

    public var scoreOrder: ScoreOrder { .largerIsSurer }

    public func validate(dimension: Int) throws {
        guard weights.count == classes.count, weights.allSatisfy({ $0.count == dimension + 1 }) else {
            throw LearningError.inconsistentState("SVM weights do not match \(classes.count) classes of \(dimension) values")
        }
    }

    public func predict(_ descriptor: FaceDescriptor) -> Prediction {
        let best = decisionValues(descriptor)
            .max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
        guard let best else { return .untrained }
        return Prediction(label: scoreOrder.accepts(best.value, threshold: threshold) ? best.key : nil, candidate: best.key, score: best.value)
    }

    /// Dual coordinate descent for one class against the rest; `signs` holds yᵢ = ±1.
    private func trainBinary(features: [Float], width: Int, signs: [Float],
                             generator: inout SeededGenerator) -> [Float] {
        let count = signs.count
        var w = [Float](repeating: 0, count: width)
        var alpha = [Float](repeating: 0, count: count)
        var order = Array(0..<count)
        features.withUnsafeBufferPointer { x in
            w.withUnsafeMutableBufferPointer { w in
                // Qᵢᵢ = xᵢ·xᵢ, the curvature of the dual along coordinate i.
                let diagonal = (0..<count).map { i in
                    (0..<width).reduce(Float(0)) { $0 + x[i * width + $1] * x[i * width + $1] }
                }
                for _ in 0..<maximumEpochs {
                    order.shuffle(using: &generator)
                    var largest = -Float.infinity, smallest = Float.infinity
                    for i in order {
                        let row = i * width
                        var margin: Float = 0
                        for j in 0..<width { margin += w[j] * x[row + j] }
                        let gradient = signs[i] * margin - 1
                        // The projected gradient is zero where the box constraint 0 ≤ α ≤ C
                        // blocks the step, so such coordinates count as converged.
                        let projected = alpha[i] == 0 ? min(gradient, 0) : alpha[i] == c ? max(gradient, 0) : gradient
                        largest = max(largest, projected)
                        smallest = min(smallest, projected)
                        guard projected != 0, diagonal[i] > 0 else { continue }
                        let updated = min(max(alpha[i] - gradient / diagonal[i], 0), c)
                        let step = (updated - alpha[i]) * signs[i]
                        alpha[i] = updated
                        for j in 0..<width { w[j] += step * x[row + j] }
                    }
                    if largest - smallest < tolerance { break }
                }
            }
        }
        return w
    }
}
