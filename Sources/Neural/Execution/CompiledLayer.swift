import NeuralKernels

/// A layer with its parameters ready for the kernels: small parameter vectors copied into
/// aligned memory, convolution filters shared with the graph (they are most of a model's memory)
/// plus their Winograd transform where it applies.
///
/// Compiled once when a ``Network`` is created; read-only afterwards, so any number of runs
/// may use it at the same time.
enum CompiledLayer: Sendable {
    /// `winogradFilters` are the filters transformed for ``WinogradConvolution``, for the 3×3
    /// convolutions it can run.
    case convolution(filters: [Float], winogradFilters: AlignedFloats?, bias: AlignedFloats?, outputChannels: Int,
                     window: SlidingWindow, relu: Bool)
    case affine(scale: AlignedFloats, shift: AlignedFloats)
    case relu
    case pool(PoolingKind, PoolingWindow)
    case add(relu: Bool)
    case fullyConnected(weights: AlignedFloats, bias: AlignedFloats?, inputs: Int, outputs: Int)
    case prelu(slopes: AlignedFloats)
    case softmax
    case maxPoolSameUpper(Window)
    case depthwiseConvolution(weights: AlignedFloats, bias: AlignedFloats?, window: SlidingWindow)
    case sigmoid
    case upsampleNearest(factor: Int)
    case exp
    case subtract
    case concatenate(Concatenation)
    case selectChannels(Range<Int>)
    case regroupRows(length: Int, positionMajor: Bool)

    init(_ layer: Layer) {
        switch layer {
        case .convolution(let conv):
            let window = SlidingWindow(conv.window)
            var winogradFilters: AlignedFloats?
            if WinogradConvolution.accepts(window) {
                let transformed = AlignedFloats(count: WinogradConvolution.transformedFilterCount(
                    inputChannels: conv.inputChannels, outputChannels: conv.outputChannels))
                conv.weights.withUnsafeBufferPointer { weights in
                    if let weights = weights.baseAddress {
                        WinogradConvolution.transformFilters(weights, inputChannels: conv.inputChannels,
                                                             outputChannels: conv.outputChannels, into: transformed.base)
                    }
                }
                winogradFilters = transformed
            }
            self = .convolution(filters: conv.weights, winogradFilters: winogradFilters, bias: conv.bias.map(AlignedFloats.init(copying:)),
                                outputChannels: conv.outputChannels, window: window, relu: conv.activation == .relu)
        case .affine(let affine):
            self = .affine(scale: AlignedFloats(copying: affine.scale), shift: AlignedFloats(copying: affine.shift))
        case .relu:
            self = .relu
        case .maxPool(let window):
            self = .pool(.max, window)
        case .averagePool(let window):
            self = .pool(.average, window)
        case .add(let activation):
            self = .add(relu: activation == .relu)
        case .fullyConnected(let dense):
            self = .fullyConnected(weights: AlignedFloats(copying: dense.weights), bias: dense.bias.map(AlignedFloats.init(copying:)),
                                   inputs: dense.inputs, outputs: dense.outputs)
        case .prelu(let slopes):
            self = .prelu(slopes: AlignedFloats(copying: slopes))
        case .softmax:
            self = .softmax
        case .maxPoolSameUpper(let window):
            self = .maxPoolSameUpper(window)
        case .depthwiseConvolution(let conv):
            self = .depthwiseConvolution(weights: AlignedFloats(copying: conv.weights),
                                         bias: conv.bias.map(AlignedFloats.init(copying:)), window: SlidingWindow(conv.window))
        case .sigmoid:
            self = .sigmoid
        case .upsampleNearest(let factor):
            self = .upsampleNearest(factor: factor)
        case .exp:
            self = .exp
        case .subtract:
            self = .subtract
        case .concatenate(let axis):
            self = .concatenate(axis)
        case .selectChannels(let range):
            self = .selectChannels(range)
        case let .regroupRows(length, positionMajor):
            self = .regroupRows(length: length, positionMajor: positionMajor)
        }
    }

    /// Floats of scratch memory this layer needs for a batch on `inputs`.
    func scratchCount(inputs: [FeatureShape], batch: Int, threads: Int) -> Int {
        switch self {
        case .convolution(_, let winogradFilters, _, let outputChannels, let window, _):
            if winogradFilters != nil, let winograd = WinogradConvolution(inputs[0], batch: batch, outputChannels: outputChannels) {
                winograd.scratchCount(threads: threads)
            } else {
                Convolution2D(inputs[0], batch: batch, window: window, outputChannels: outputChannels).scratchCount(threads: threads)
            }
        case .fullyConnected:
            // Samples are regrouped into columns unless each is already a single column.
            inputs[0].height * inputs[0].width == 1 ? 0 : inputs[0].count * batch
        default:
            0
        }
    }

    /// Runs the layer on a channel-major batch (see `ChannelMajorLayout.swift` in NeuralKernels).
    func run(
        _ inputs: [UnsafePointer<Float>], shapes: [FeatureShape], batch: Int,
        output: UnsafeMutablePointer<Float>, outputShape: FeatureShape,
        scratch: UnsafeMutablePointer<Float>, threads: Int
    ) {
        let x = inputs[0], shape = shapes[0]
        switch self {
        case let .convolution(filters, winogradFilters, bias, outputChannels, window, relu):
            if let winogradFilters, let winograd = WinogradConvolution(shape, batch: batch, outputChannels: outputChannels) {
                winograd.run(input: x, transformedFilters: winogradFilters.base, bias: bias?.base, relu: relu, output: output,
                             scratch: scratch, threads: threads)
            } else {
                filters.withUnsafeBufferPointer { filters in
                    // Shape inference checked the filter count, so the array is not empty.
                    guard let weights = filters.baseAddress else { return }
                    Convolution2D(shape, batch: batch, window: window, outputChannels: outputChannels)
                        .run(input: x, weights: weights, bias: bias?.base, relu: relu, output: output,
                             scratch: scratch, threads: threads)
                }
            }
        case let .affine(scale, shift):
            if scale.count == shape.channels {
                affinePerChannel(x, channels: shape.channels, run: batch * shape.height * shape.width,
                                 scale: scale.base, shift: shift.base, into: output)
            } else {
                affinePerElement(x, channels: shape.channels, batch: batch, area: shape.height * shape.width,
                                 scale: scale.base, shift: shift.base, into: output)
            }
        case .relu:
            NeuralKernels.relu(UnsafeBufferPointer(start: x, count: batch * shape.count),
                               into: UnsafeMutableBufferPointer(start: output, count: batch * shape.count))
        case let .pool(kind, pooling):
            let window = pooling.resolved(height: shape.height, width: shape.width)
            if window.height == shape.height, window.width == shape.width, kind == .average {
                averagePlanes(x, planes: shape.channels * batch, area: shape.height * shape.width, into: output)
            } else {
                NeuralKernels.pool(kind, x, planes: shape.channels * batch, height: shape.height, width: shape.width,
                     window: SlidingWindow(window), into: output)
            }
        case let .add(relu):
            addZeroExtended(x, PlaneStack(shapes[0]), inputs[1], PlaneStack(shapes[1]), batch: batch, relu: relu,
                            into: output, PlaneStack(outputShape))
        case let .fullyConnected(weights, bias, inputCount, outputCount):
            let area = shape.height * shape.width
            var columns = x
            if area != 1 {
                samplesAsColumns(x, channels: shape.channels, batch: batch, area: area, into: scratch)
                columns = UnsafePointer(scratch)
            }
            NeuralKernels.fullyConnected(columns, batch: batch, inputs: inputCount, outputs: outputCount,
                           weights: weights.base, bias: bias?.base, into: output)
        case let .prelu(slopes):
            preluPerChannel(x, channels: shape.channels, run: batch * shape.height * shape.width,
                            slopes: slopes.base, into: output)
        case .softmax:
            softmaxAcrossChannels(x, channels: shape.channels, run: batch * shape.height * shape.width, into: output)
        case let .maxPoolSameUpper(window):
            NeuralKernels.maxPoolSameUpper(x, planes: shape.channels * batch, height: shape.height, width: shape.width,
                                           windowHeight: window.height, windowWidth: window.width,
                                           strideY: window.strideY, strideX: window.strideX, into: output)
        case let .depthwiseConvolution(weights, bias, window):
            NeuralKernels.depthwiseConvolution(x, channels: shape.channels, batch: batch, height: shape.height,
                                               width: shape.width, window: window, weights: weights.base,
                                               bias: bias?.base, into: output)
        case .sigmoid:
            NeuralKernels.sigmoid(UnsafeBufferPointer(start: x, count: batch * shape.count),
                                  into: UnsafeMutableBufferPointer(start: output, count: batch * shape.count))
        case let .upsampleNearest(factor):
            NeuralKernels.upsampleNearest(x, planes: shape.channels * batch, height: shape.height, width: shape.width,
                                          factor: factor, into: output)
        case .exp:
            NeuralKernels.exponential(UnsafeBufferPointer(start: x, count: batch * shape.count),
                                      into: UnsafeMutableBufferPointer(start: output, count: batch * shape.count))
        case .subtract:
            NeuralKernels.subtract(x, inputs[1], count: batch * shape.count, into: output)
        case .concatenate(.channels):
            NeuralKernels.concatenateChannels(inputs, channels: shapes.map(\.channels), batch: batch,
                                              area: shape.height * shape.width, into: output)
        case .concatenate(.positions):
            NeuralKernels.concatenatePositions(inputs, areas: shapes.map { $0.height * $0.width }, channels: shape.channels,
                                               batch: batch, into: output)
        case let .selectChannels(range):
            NeuralKernels.selectChannels(x, range: range, batch: batch, area: shape.height * shape.width, into: output)
        case let .regroupRows(length, positionMajor):
            NeuralKernels.regroupRows(x, channels: shape.channels, area: shape.height * shape.width, batch: batch,
                                      length: length, positionMajor: positionMajor, into: output)
        }
    }
}

extension SlidingWindow {
    init(_ window: Window) {
        self.init(height: window.height, width: window.width, strideY: window.strideY, strideX: window.strideX,
                  paddingY: window.paddingY, paddingX: window.paddingX)
    }
}

extension PlaneStack {
    init(_ shape: FeatureShape) {
        self.init(channels: shape.channels, height: shape.height, width: shape.width)
    }
}

extension Convolution2D {
    init(_ input: FeatureShape, batch: Int, window: SlidingWindow, outputChannels: Int) {
        self.init(batch: batch, inputChannels: input.channels, inputHeight: input.height, inputWidth: input.width,
                  window: window, outputChannels: outputChannels)
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
