/// One operation of a network graph, with its parameters.
///
/// Importers (dlib `.dat`, ONNX) translate their files' layer records into these cases; the
/// executor maps each case to a kernel. Every layer works on one sample at a time, so a graph
/// runs on any batch size.
public enum Layer: Sendable {
    /// 2-D cross-correlation with optional bias and fused activation.
    case convolution(Convolution)
    /// `y = x · scale + shift`, per channel or per value (a frozen batch normalisation).
    case affine(Affine)
    case relu
    case maxPool(PoolingWindow)
    case averagePool(PoolingWindow)
    /// Sum of two inputs of possibly different sizes: the output takes the larger size in every
    /// dimension and the smaller input counts as zero outside its extent (dlib's `add_prev`).
    case add(Activation)
    /// Dense layer over the flattened sample (channel, row, column order).
    case fullyConnected(FullyConnected)
    /// Parametric ReLU, one slope per channel: `y = x` where `x ≥ 0`, else `slope · x`.
    case prelu(slopes: [Float])
    /// Softmax across the channels at every position: each position's channel values become
    /// probabilities that sum to 1.
    case softmax
    /// Max pooling padded as ONNX's `auto_pad = SAME_UPPER` pads it: the output has
    /// ⌈input / stride⌉ rows and columns, and the padding that takes (the odd row or column at the
    /// end) never wins the max. The window's own padding must be zero: it depends on the input size.
    case maxPoolSameUpper(Window)
    /// A convolution in which each channel has its own filter (ONNX `Conv` with `group` equal to
    /// the channel count): `weights` holds `channels × window.height × window.width` values and
    /// `inputChannels == outputChannels`. Its activation must be `.identity`.
    case depthwiseConvolution(Convolution)
    /// `y = 1 / (1 + e⁻ˣ)` element by element.
    case sigmoid
    /// Nearest-neighbour enlargement by a whole factor in both directions: each value becomes
    /// a `factor × factor` block.
    case upsampleNearest(factor: Int)
    /// `y = eˣ` element by element.
    case exp
    /// `y = a − b` element by element, for two inputs of the same shape.
    case subtract
    /// The inputs joined along one axis, in input order (ONNX `Concat`); see ``Concatenation``.
    case concatenate(Concatenation)
    /// The channels in `range`, in order (ONNX `Slice` along the channel axis).
    case selectChannels(Range<Int>)
    /// A sample's elements regrouped into rows of `length`: the output has `length` channels,
    /// one row, and one column per row, so that channel `j`, column `i` holds element
    /// `i · length + j` of the input's element sequence. That sequence is the input channel by
    /// channel (`positionMajor` false), or position by position with each position's channels
    /// together (`positionMajor` true, what an NCHW → NHWC transpose lists). This is how a rank-3
    /// ONNX tensor `[N, rows, length]` gets a channel axis the engine's layers can work along.
    case regroupRows(length: Int, positionMajor: Bool)

    /// How many inputs the layer takes; nil for any number from one up (a concatenation).
    public var arity: Int? {
        switch self {
        case .add, .subtract: 2
        case .concatenate: nil
        default: 1
        }
    }

    /// A short name for messages.
    public var kind: String {
        switch self {
        case .convolution: "convolution"
        case .affine: "affine"
        case .relu: "relu"
        case .maxPool: "max pool"
        case .averagePool: "average pool"
        case .add: "add"
        case .fullyConnected: "fully connected"
        case .prelu: "prelu"
        case .softmax: "softmax"
        case .maxPoolSameUpper: "max pool (same upper)"
        case .depthwiseConvolution: "depthwise convolution"
        case .sigmoid: "sigmoid"
        case .upsampleNearest: "nearest upsampling"
        case .exp: "exp"
        case .subtract: "subtract"
        case .concatenate: "concatenation"
        case .selectChannels: "channel selection"
        case .regroupRows: "row regrouping"
        }
    }
}

/// An element-wise function applied to a layer's result before it is stored.
public enum Activation: Sendable, Equatable {
    case identity
    case relu
}

/// Window size, stride and zero padding of a convolution or pooling, in rows and columns.
public struct Window: Sendable, Equatable {
    public var height: Int
    public var width: Int
    public var strideY: Int
    public var strideX: Int
    public var paddingY: Int
    public var paddingX: Int

    public init(height: Int, width: Int, strideY: Int = 1, strideX: Int = 1, paddingY: Int = 0, paddingX: Int = 0) {
        self.height = height
        self.width = width
        self.strideY = strideY
        self.strideX = strideX
        self.paddingY = paddingY
        self.paddingX = paddingX
    }
}

/// Which axis a ``Layer/concatenate(_:)`` joins its inputs along.
public enum Concatenation: Sendable, Equatable {
    /// Channels after channels; every input has the same height and width.
    case channels
    /// Positions after positions: every input has the same channel count, and the output is one
    /// column holding, channel by channel, the positions of the first input (row by row), then
    /// those of the second, and so on. Joins the rows of rank-3 ONNX tensors (see
    /// ``Layer/regroupRows(length:positionMajor:)``).
    case positions
}

/// A convolution's filters: `weights` holds `outputChannels × inputChannels × window.height ×
/// window.width` values in that order; `bias` one value per output channel, or nil.
public struct Convolution: Sendable {
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
}

/// `y = x · scale + shift`. With one scale per channel the same pair applies to a whole channel;
/// with one per value (channels × height × width, dlib's fully-connected mode) each position has
/// its own.
public struct Affine: Sendable {
    public var scale: [Float]
    public var shift: [Float]

    public init(scale: [Float], shift: [Float]) {
        self.scale = scale
        self.shift = shift
    }
}

/// A pooling window. A size of 0 stands for the whole input extent along that axis, as in dlib
/// (`avg_pool_everything` is a 0×0 window): the executor resolves it once the input size is known.
public struct PoolingWindow: Sendable, Equatable {
    public var window: Window

    public init(_ window: Window) {
        self.window = window
    }

    /// Pools each channel of the whole sample to one value (global pooling).
    public static let wholeInput = PoolingWindow(Window(height: 0, width: 0))

    /// The concrete window for an input of `height × width`.
    public func resolved(height: Int, width: Int) -> Window {
        var concrete = window
        if concrete.height == 0 { concrete.height = height }
        if concrete.width == 0 { concrete.width = width }
        return concrete
    }
}

/// A dense layer: `weights` holds `outputs × inputs` values (one row per output), `bias` one
/// value per output, or nil. `inputs` must equal the flattened sample size.
public struct FullyConnected: Sendable {
    public var inputs: Int
    public var outputs: Int
    public var weights: [Float]
    public var bias: [Float]?

    public init(inputs: Int, outputs: Int, weights: [Float], bias: [Float]?) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.bias = bias
    }
}
