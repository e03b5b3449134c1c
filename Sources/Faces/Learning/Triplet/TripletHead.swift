/// A learned linear projection of face descriptors, y = normalise(W x + b), trained with the
/// triplet loss so that one person's faces end up closer together than anyone else's.
///
/// W starts as the identity (truncated or zero-padded when the dimensions differ) and b as
/// zero, so an untrained head simply L2-normalises the descriptor. Arithmetic is in Double so
/// the hand-written gradients can be checked against finite differences.
public struct TripletHead: Sendable {
    public let inputDimension: Int
    public let outputDimension: Int
    /// W in row-major order: `outputDimension` rows of `inputDimension` values.
    public internal(set) var weights: [Double]
    /// b, or nil for a projection without bias.
    public internal(set) var bias: [Double]?

    public init(inputDimension: Int = 128, outputDimension: Int = 128, usesBias: Bool = false) throws {
        guard inputDimension > 0, outputDimension > 0 else {
            throw TripletError.invalidDimensions(input: inputDimension, output: outputDimension)
        }
        var identity = [Double](repeating: 0, count: outputDimension * inputDimension)
        for i in 0..<min(inputDimension, outputDimension) { identity[i * inputDimension + i] = 1 }
        try self.init(inputDimension: inputDimension, outputDimension: outputDimension, weights: identity,
                      bias: usesBias ? [Double](repeating: 0, count: outputDimension) : nil)
    }

    /// A head with given parameters, e.g. to restore a trained one.
    public init(inputDimension: Int, outputDimension: Int, weights: [Double], bias: [Double]?) throws {
        guard inputDimension > 0, outputDimension > 0 else {
            throw TripletError.invalidDimensions(input: inputDimension, output: outputDimension)
        }
        guard weights.count == outputDimension * inputDimension else {
            throw TripletError.mismatchedWeights(expected: outputDimension * inputDimension, got: weights.count)
        }
        if let bias, bias.count != outputDimension {
            throw TripletError.mismatchedWeights(expected: outputDimension, got: bias.count)
        }
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        self.weights = weights
        self.bias = bias
    }

    /// The unit-length projection of a descriptor.
    public func project(_ descriptor: FaceDescriptor) throws -> FaceDescriptor {
        guard descriptor.count == inputDimension else {
            throw TripletError.wrongDescriptorLength(expected: inputDimension, got: descriptor.count)
        }
        let projected = forward(descriptor.values.map(Double.init)).output
        return FaceDescriptor(projected.map(Float.init))
    }

    /// The projection before and after normalisation; a zero projection stays zero.
    func forward(_ x: [Double]) -> (output: [Double], norm: Double) {
        var z = bias ?? [Double](repeating: 0, count: outputDimension)
        weights.withUnsafeBufferPointer { w in
            for row in 0..<outputDimension {
                var sum = 0.0
                let offset = row * inputDimension
                for column in 0..<inputDimension { sum += w[offset + column] * x[column] }
                z[row] += sum
            }
        }
        let norm = z.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return (norm > 0 ? z.map { $0 / norm } : z, norm)
    }

    /// The batch loss and its gradient with respect to W and b.
    public struct LossGradient: Sendable {
        /// Mean over triplets of max(‖a−p‖² − ‖a−n‖² + α, 0).
        public let loss: Double
        /// Triplets with a positive loss.
        public let activeTriplets: Int
        public let weightGradient: [Double]
        /// nil when the head has no bias.
        public let biasGradient: [Double]?
    }

    /// The mean triplet loss over `triplets` (indices into `inputs`, each input
    /// `inputDimension` long) and its exact gradient.
    ///
    /// Each active triplet pushes on its three outputs: ∂/∂a = 2(n − p), ∂/∂p = 2(p − a),
    /// ∂/∂n = 2(a − n). Through y = z/‖z‖ a push g becomes (g − y(y·g))/‖z‖, since moving
    /// along y does not change a normalised vector; then ∂/∂W = (that) xᵀ and ∂/∂b = (that).
    public func lossGradient(inputs: [[Double]], triplets: [Triplet], margin: Double) -> LossGradient {
        let forwards = inputs.map(forward)
        var outputPush = [[Double]](repeating: [Double](repeating: 0, count: outputDimension), count: inputs.count)
        var loss = 0.0
        var active = 0
        for t in triplets {
            let a = forwards[t.anchor].output, p = forwards[t.positive].output, n = forwards[t.negative].output
            let value = squaredDistance(a, p) - squaredDistance(a, n) + margin
            guard value > 0 else { continue }
            loss += value
            active += 1
            for i in 0..<outputDimension {
                outputPush[t.anchor][i] += 2 * (n[i] - p[i])
                outputPush[t.positive][i] += 2 * (p[i] - a[i])
                outputPush[t.negative][i] += 2 * (a[i] - n[i])
            }
        }
        let scale = triplets.isEmpty ? 0 : 1 / Double(triplets.count)
        var weightGradient = [Double](repeating: 0, count: weights.count)
        var biasGradient = bias.map { [Double](repeating: 0, count: $0.count) }
        weightGradient.withUnsafeMutableBufferPointer { gradient in
            for (index, x) in inputs.enumerated() where forwards[index].norm > 0 {
                let y = forwards[index].output, g = outputPush[index]
                var along = 0.0
                for i in 0..<outputDimension { along += y[i] * g[i] }
                for row in 0..<outputDimension {
                    let dz = (g[row] - y[row] * along) / forwards[index].norm * scale
                    guard dz != 0 else { continue }
                    biasGradient?[row] += dz
                    let offset = row * inputDimension
                    for column in 0..<inputDimension { gradient[offset + column] += dz * x[column] }
                }
            }
        }
        return LossGradient(loss: loss * scale, activeTriplets: active,
                            weightGradient: weightGradient, biasGradient: biasGradient)
    }
}

extension TripletHead: Codable {
    private enum CodingKeys: String, CodingKey { case inputDimension, outputDimension, weights, bias }

    /// Decodes through the checking initialiser, so a damaged file cannot give a head whose
    /// weights do not match its dimensions.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(inputDimension: container.decode(Int.self, forKey: .inputDimension),
                      outputDimension: container.decode(Int.self, forKey: .outputDimension),
                      weights: container.decode([Double].self, forKey: .weights),
                      bias: container.decodeIfPresent([Double].self, forKey: .bias))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputDimension, forKey: .inputDimension)
        try container.encode(outputDimension, forKey: .outputDimension)
        try container.encode(weights, forKey: .weights)
        try container.encodeIfPresent(bias, forKey: .bias)
    }
}
