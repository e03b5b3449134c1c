import NeuralKernels

/// `y = a − b` element by element, for two inputs of the same shape.
public struct SubtractionLayer: Layer, CompiledLayer {
    public init() {}

    public var kind: String { "subtract" }

    public var arity: Int? { 2 }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        guard inputs[1] == inputs[0] else {
            throw ShapeMismatch("subtraction of a \(inputs[1]) input from a \(inputs[0]) input")
        }
        return inputs[0]
    }

    public func run(_ call: LayerCall) {
        subtract(call.inputs[0], call.inputs[1], count: call.batch * call.shapes[0].count, into: call.output)
    }
}
