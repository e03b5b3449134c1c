import NeuralKernels

/// A dense layer over the flattened sample (channel, row, column order): `weights` holds
/// `outputs × inputs` values (one row per output), `bias` one value per output, or nil.
/// `inputs` must equal the flattened sample size.
public struct FullyConnectedLayer: Layer {
    public var inputs: Int
    public var outputs: Int
    public var weights: [Float]
    public var bias: [Float]?

    public init(inputs: Int, outputs: Int, weights: [Float], bias: [Float]?) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.bias = bias
    }

    public var kind: String { "fully connected" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard self.inputs == x.count else {
            throw ShapeMismatch("fully connected layer takes \(self.inputs) values, receives \(x) = \(x.count)")
        }
        guard outputs >= 1, let weightCount = product(outputs, self.inputs), weights.count == weightCount else {
            throw ShapeMismatch("fully connected layer has \(weights.count) weights for \(self.inputs) inputs × \(outputs) outputs")
        }
        if let bias, bias.count != outputs {
            throw ShapeMismatch("fully connected layer has \(bias.count) biases for \(outputs) outputs")
        }
        return FeatureShape(channels: outputs, height: 1, width: 1)
    }

    public func outputChannels(for inputChannels: [Int]) -> Int { outputs }

    public func floatingPointOperations(inputs: [FeatureShape], output: FeatureShape) -> Int {
        2 * self.inputs * outputs
    }

    public func compiled() -> any CompiledLayer {
        Compiled(weights: AlignedFloats(copying: weights), bias: bias.map(AlignedFloats.init(copying:)),
                 inputs: inputs, outputs: outputs)
    }

    struct Compiled: CompiledLayer {
        let weights: AlignedFloats
        let bias: AlignedFloats?
        let inputs: Int
        let outputs: Int

        /// Samples are regrouped into columns unless each is already a single column.
        func scratchCount(inputs: [FeatureShape], batch: Int, threads: Int) -> Int {
            inputs[0].height * inputs[0].width == 1 ? 0 : inputs[0].count * batch
        }

        func run(_ call: LayerCall) {
            let shape = call.shapes[0], area = shape.height * shape.width
            var columns = call.inputs[0]
            if area != 1 {
                samplesAsColumns(call.inputs[0], channels: shape.channels, batch: call.batch, area: area, into: call.scratch)
                columns = UnsafePointer(call.scratch)
            }
            fullyConnected(columns, batch: call.batch, inputs: self.inputs, outputs: outputs,
                           weights: weights.base, bias: bias?.base, into: call.output)
        }
    }
}
