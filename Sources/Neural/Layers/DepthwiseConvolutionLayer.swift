import NeuralKernels

/// A convolution in which each channel has its own filter (ONNX `Conv` with `group` equal to
/// the channel count): `weights` holds `channels × window.height × window.width` values, `bias`
/// one value per channel, or nil.
public struct DepthwiseConvolutionLayer: Layer {
    public var channels: Int
    public var window: Window
    public var weights: [Float]
    public var bias: [Float]?

    public init(channels: Int, window: Window, weights: [Float], bias: [Float]?) {
        self.channels = channels
        self.window = window
        self.weights = weights
        self.bias = bias
    }

    public var kind: String { "depthwise convolution" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard channels == x.channels, let weightCount = product(x.channels, window.height, window.width),
              weights.count == weightCount, bias.map({ $0.count == x.channels }) ?? true else {
            throw ShapeMismatch("depthwise convolution with \(weights.count) weights for \(channels) filters of \(window.height)×\(window.width) does not fit a \(x) input")
        }
        return try window.slid(over: x, channels: x.channels)
    }

    public func compiled() -> any CompiledLayer {
        Compiled(weights: AlignedFloats(copying: weights), bias: bias.map(AlignedFloats.init(copying:)),
                 window: SlidingWindow(window))
    }

    struct Compiled: CompiledLayer {
        let weights: AlignedFloats
        let bias: AlignedFloats?
        let window: SlidingWindow

        func run(_ call: LayerCall) {
            let shape = call.shapes[0]
            depthwiseConvolution(call.inputs[0], channels: shape.channels, batch: call.batch, height: shape.height,
                                 width: shape.width, window: window, weights: weights.base, bias: bias?.base, into: call.output)
        }
    }
}
