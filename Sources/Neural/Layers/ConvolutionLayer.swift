import NeuralKernels

/// 2-D cross-correlation with optional bias and fused activation: `weights` holds
/// `outputChannels × inputChannels × window.height × window.width` values in that order, `bias`
/// one value per output channel, or nil.
///
/// Runs by Winograd's algorithm (`WinogradConvolution` in NeuralKernels) for the 3×3 stride-1
/// windows it takes, when a batch has enough output tiles for it to pay; otherwise by unrolling
/// patches into a matrix product (`Convolution2D`).
public struct ConvolutionLayer: Layer {
    public var inputChannels: Int
    public var outputChannels: Int
    public var window: Window
    public var weights: [Float]
    public var bias: [Float]?
    public var activation: Activation

    public init(inputChannels: Int, outputChannels: Int, window: Window, weights: [Float],
                bias: [Float]?, activation: Activation = .identity) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.window = window
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    public var kind: String { "convolution" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard inputChannels == x.channels else {
            throw ShapeMismatch("convolution expects \(inputChannels) input channels, receives \(x)")
        }
        guard outputChannels >= 1, let weightCount = product(outputChannels, inputChannels, window.height, window.width),
              weights.count == weightCount else {
            throw ShapeMismatch("convolution has \(weights.count) weights for \(outputChannels) filters of \(inputChannels)×\(window.height)×\(window.width)")
        }
        if let bias, bias.count != outputChannels {
            throw ShapeMismatch("convolution has \(bias.count) biases for \(outputChannels) filters")
        }
        return try window.slid(over: x, channels: outputChannels)
    }

    public func outputChannels(for inputChannels: [Int]) -> Int { outputChannels }

    public func floatingPointOperations(inputs: [FeatureShape], output: FeatureShape) -> Int {
        2 * output.count * weights.count / max(outputChannels, 1)
    }

    /// While the activation is the identity: a per-channel affine layer folds into the filters
    /// and bias (``AffineLayer/folded(intoRows:bias:)``), and a ReLU becomes the activation.
    public func absorbing(_ next: any Layer) -> (any Layer)? {
        guard activation == .identity else { return nil }
        var merged = self
        switch next {
        case let affine as AffineLayer where affine.scale.count == outputChannels:
            (merged.weights, merged.bias) = affine.folded(intoRows: weights, bias: bias)
        case let elementwise as ElementwiseLayer where elementwise.function == .relu:
            merged.activation = .relu
        default:
            return nil
        }
        return merged
    }

    public func compiled() -> any CompiledLayer { Compiled(self) }

    /// The filters shared with the graph (they are most of a model's memory), plus their
    /// Winograd transform when the window is one Winograd's algorithm runs.
    struct Compiled: CompiledLayer {
        let filters: [Float]
        let winogradFilters: AlignedFloats?
        let bias: AlignedFloats?
        let outputChannels: Int
        let window: SlidingWindow
        let relu: Bool

        init(_ layer: ConvolutionLayer) {
            filters = layer.weights
            window = SlidingWindow(layer.window)
            if WinogradConvolution.accepts(window) {
                let transformed = AlignedFloats(count: WinogradConvolution.transformedFilterCount(
                    inputChannels: layer.inputChannels, outputChannels: layer.outputChannels))
                layer.weights.withUnsafeBufferPointer { weights in
                    if let weights = weights.baseAddress {
                        WinogradConvolution.transformFilters(weights, inputChannels: layer.inputChannels,
                                                             outputChannels: layer.outputChannels, into: transformed.base)
                    }
                }
                winogradFilters = transformed
            } else {
                winogradFilters = nil
            }
            bias = layer.bias.map(AlignedFloats.init(copying:))
            outputChannels = layer.outputChannels
            relu = layer.activation == .relu
        }

        /// The kernel for one batch: chosen per call, since whether Winograd's algorithm pays
        /// depends on the batch and input size.
        private enum Kernel {
            case winograd(WinogradConvolution, transformedFilters: AlignedFloats)
            case unrolledPatches(Convolution2D)
        }

        private func kernel(for input: FeatureShape, batch: Int) -> Kernel {
            if let winogradFilters, let winograd = WinogradConvolution(input, batch: batch, outputChannels: outputChannels) {
                return .winograd(winograd, transformedFilters: winogradFilters)
            }
            return .unrolledPatches(Convolution2D(batch: batch, inputChannels: input.channels, inputHeight: input.height,
                                                  inputWidth: input.width, window: window, outputChannels: outputChannels))
        }

        func scratchCount(inputs: [FeatureShape], batch: Int, threads: Int) -> Int {
            switch kernel(for: inputs[0], batch: batch) {
            case .winograd(let winograd, _): winograd.scratchCount(threads: threads)
            case .unrolledPatches(let convolution): convolution.scratchCount(threads: threads)
            }
        }

        func run(_ call: LayerCall) {
            switch kernel(for: call.shapes[0], batch: call.batch) {
            case let .winograd(winograd, transformedFilters):
                winograd.run(input: call.inputs[0], transformedFilters: transformedFilters.base, bias: bias?.base, relu: relu,
                             output: call.output, scratch: call.scratch, threads: call.threads)
            case .unrolledPatches(let convolution):
                filters.withUnsafeBufferPointer { filters in
                    // Shape inference checked the filter count, so the array is not empty.
                    guard let weights = filters.baseAddress else { return }
                    convolution.run(input: call.inputs[0], weights: weights, bias: bias?.base, relu: relu, output: call.output,
                                    scratch: call.scratch, threads: call.threads)
                }
            }
        }
    }
}

extension WinogradConvolution {
    /// The Winograd form of a 3×3 convolution on `input`, when the batch has enough 2×2 output
    /// tiles for it to pay: with few tiles the 16 small products cost more than one unrolled one.
    init?(_ input: FeatureShape, batch: Int, outputChannels: Int) {
        self.init(batch: batch, inputChannels: input.channels, height: input.height, width: input.width,
                  outputChannels: outputChannels)
        guard tiles >= Self.minimumTiles else { return nil }
    }

    static let minimumTiles = 16
}
