import NeuralKernels

/// One function applied to every value on its own: the output has the input's shape, and the
/// kernel runs over the whole batch as one stretch of memory.
///
/// The functions share everything but their name and kernel, so they are one kind of layer with
/// a table of functions: a new one is a case of ``Function`` with its line in ``kind`` and in
/// ``run(_:)``.
public struct ElementwiseLayer: Layer, CompiledLayer {
    public enum Function: Sendable, Equatable {
        /// `y = max(x, 0)`. Fusion runs it inside a preceding convolution or addition.
        case relu
        /// `y = 1 / (1 + e⁻ˣ)`.
        case sigmoid
        /// `y = eˣ`.
        case exponential
    }

    public var function: Function

    public init(_ function: Function) {
        self.function = function
    }

    public var kind: String {
        switch function {
        case .relu: "relu"
        case .sigmoid: "sigmoid"
        case .exponential: "exp"
        }
    }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape { inputs[0] }

    public func run(_ call: LayerCall) {
        let count = call.batch * call.shapes[0].count
        let x = UnsafeBufferPointer(start: call.inputs[0], count: count)
        let y = UnsafeMutableBufferPointer(start: call.output, count: count)
        switch function {
        case .relu: NeuralKernels.relu(x, into: y)
        case .sigmoid: NeuralKernels.sigmoid(x, into: y)
        case .exponential: NeuralKernels.exponential(x, into: y)
        }
    }
}
