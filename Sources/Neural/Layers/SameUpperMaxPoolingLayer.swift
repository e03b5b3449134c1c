import NeuralKernels

/// Max pooling padded as ONNX's `auto_pad = SAME_UPPER` pads it: the output has
/// ⌈input / stride⌉ rows and columns, and the padding that takes (the odd row or column at the
/// end) never wins the max. The window's own padding must be zero: it depends on the input size.
public struct SameUpperMaxPoolingLayer: Layer, CompiledLayer {
    public var window: Window

    public init(_ window: Window) {
        self.window = window
    }

    public var kind: String { "max pool (same upper)" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard window.height >= 1, window.width >= 1, window.strideY >= 1, window.strideX >= 1,
              window.paddingY == 0, window.paddingX == 0 else {
            throw ShapeMismatch("a same-upper pooling needs a window and strides of at least 1 and no padding of its own")
        }
        return FeatureShape(channels: x.channels, height: (x.height + window.strideY - 1) / window.strideY,
                            width: (x.width + window.strideX - 1) / window.strideX)
    }

    public func run(_ call: LayerCall) {
        let shape = call.shapes[0]
        maxPoolSameUpper(call.inputs[0], planes: shape.channels * call.batch, height: shape.height, width: shape.width,
                         windowHeight: window.height, windowWidth: window.width,
                         strideY: window.strideY, strideX: window.strideX, into: call.output)
    }
}
