import NeuralKernels

/// Parametric ReLU, one slope per channel: `y = x` where `x ≥ 0`, else `slope · x`.
public struct PReLULayer: Layer {
    public var slopes: [Float]

    public init(slopes: [Float]) {
        self.slopes = slopes
    }

    public var kind: String { "prelu" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard slopes.count == x.channels else { throw ShapeMismatch("prelu has \(slopes.count) slopes for a \(x) input") }
        return x
    }

    public func compiled() -> any CompiledLayer { Compiled(slopes: AlignedFloats(copying: slopes)) }

    struct Compiled: CompiledLayer {
        let slopes: AlignedFloats

        func run(_ call: LayerCall) {
            let shape = call.shapes[0]
            preluPerChannel(call.inputs[0], channels: shape.channels, run: call.batch * shape.height * shape.width,
                            slopes: slopes.base, into: call.output)
        }
    }
}
