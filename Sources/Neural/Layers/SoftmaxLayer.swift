import NeuralKernels

/// Softmax across the channels at every position: each position's channel values become
/// probabilities that sum to 1.
public struct SoftmaxLayer: Layer, CompiledLayer {
    public init() {}

    public var kind: String { "softmax" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape { inputs[0] }

    public func run(_ call: LayerCall) {
        let shape = call.shapes[0]
        softmaxAcrossChannels(call.inputs[0], channels: shape.channels, run: call.batch * shape.height * shape.width, into: call.output)
    }
}
