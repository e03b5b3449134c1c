import NeuralKernels

/// Sum of two inputs of possibly different sizes: the output takes the larger size in every
/// dimension and the smaller input counts as zero outside its extent (dlib's `add_prev`).
public struct AdditionLayer: Layer, CompiledLayer {
    public var activation: Activation

    public init(activation: Activation = .identity) {
        self.activation = activation
    }

    public var kind: String { "add" }

    public var arity: Int? { 2 }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let (x, y) = (inputs[0], inputs[1])
        return FeatureShape(channels: max(x.channels, y.channels), height: max(x.height, y.height),
                            width: max(x.width, y.width))
    }

    public func outputChannels(for inputChannels: [Int]) -> Int { max(inputChannels[0], inputChannels[1]) }

    /// A following ReLU becomes the activation.
    public func absorbing(_ next: any Layer) -> (any Layer)? {
        guard activation == .identity, (next as? ElementwiseLayer)?.function == .relu else { return nil }
        return AdditionLayer(activation: .relu)
    }

    public func run(_ call: LayerCall) {
        addZeroExtended(call.inputs[0], PlaneStack(call.shapes[0]), call.inputs[1], PlaneStack(call.shapes[1]), batch: call.batch,
                        relu: activation == .relu, into: call.output, PlaneStack(call.outputShape))
    }
}

extension PlaneStack {
    init(_ shape: FeatureShape) {
        self.init(channels: shape.channels, height: shape.height, width: shape.width)
    }
}
