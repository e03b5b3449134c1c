import NeuralKernels

/// Nearest-neighbour enlargement by a whole factor in both directions: each value becomes a
/// `factor × factor` block.
public struct NearestUpsamplingLayer: Layer, CompiledLayer {
    public var factor: Int

    public init(factor: Int) {
        self.factor = factor
    }

    public var kind: String { "nearest upsampling" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard factor >= 1, let height = product(x.height, factor), let width = product(x.width, factor) else {
            throw ShapeMismatch("upsampling factor \(factor) is not a whole number from 1 up")
        }
        return FeatureShape(channels: x.channels, height: height, width: width)
    }

    public func run(_ call: LayerCall) {
        let shape = call.shapes[0]
        upsampleNearest(call.inputs[0], planes: shape.channels * call.batch, height: shape.height, width: shape.width,
                        factor: factor, into: call.output)
    }
}
