import Neural

/// A dlib network written byte for byte the way dlib's wrappers serialise themselves
/// (`dlib/dnn/core.h`), to test the importer on structures the face model does not use.
indirect enum DlibTestNetwork {
    /// `input_rgb_image_sized` (with a size) or `input_rgb_image` (without).
    case input(means: [Float], size: (rows: Int, columns: Int)?)
    /// The empty input of a `repeat` block (`impl::repeat_input_layer`), which writes nothing.
    case repeatInput
    /// `add_layer`: a layer record on top of a network.
    case layer(DlibTestRecord, DlibTestNetwork)
    case tag(DlibTestNetwork)
    case skip(DlibTestNetwork)
    /// `repeat`: `count` copies of a block built on the repeat input, on top of a network.
    case repeated(count: Int, block: (DlibTestNetwork) -> DlibTestNetwork, DlibTestNetwork)

    /// The whole file: `add_loss_layer` version 1, the loss record, then the network.
    func file(loss: (inout DlibBytes) -> Void) -> [UInt8] {
        var bytes = DlibBytes()
        bytes.int(1)
        loss(&bytes)
        write(into: &bytes)
        return bytes.bytes
    }

    func write(into bytes: inout DlibBytes) {
        switch self {
        case .input(let means, let size):
            bytes.string(size == nil ? "input_rgb_image" : "input_rgb_image_sized")
            for mean in means { bytes.float(mean) }
            if let size {
                bytes.int(size.rows)
                bytes.int(size.columns)
            }
        case .repeatInput:
            break
        case .layer(let record, let below):
            if below.isInput {
                // The add_layer on an input: version 3, input, record, state, sample expansion factor.
                bytes.int(3)
                below.write(into: &bytes)
                record.write(&bytes)
                Self.writeState(&bytes)
                bytes.int(1)
            } else {
                bytes.int(2)
                below.write(into: &bytes)
                record.write(&bytes)
                Self.writeState(&bytes)
            }
        case .tag(let below) where below.isInput:
            // A tag on an input keeps its own copy of the output and gradient, and a flag.
            bytes.int(1)
            below.write(into: &bytes)
            bytes.emptyTensor()
            bytes.emptyTensor()
            bytes.bool(true)
        case .tag(let below), .skip(let below):
            bytes.int(1)
            below.write(into: &bytes)
        case .repeated(let count, let block, let below):
            bytes.int(1)
            bytes.int(count)
            for _ in 0..<count { block(.repeatInput).write(into: &bytes) }
            below.write(into: &bytes)
        }
    }

    private var isInput: Bool {
        switch self {
        case .input, .repeatInput: true
        default: false
        }
    }

    /// Three flags and three (empty) tensors: x_grad, cached output, params_grad or grad_final.
    private static func writeState(_ bytes: inout DlibBytes) {
        bytes.bool(true)
        bytes.bool(false)
        bytes.bool(false)
        for _ in 0..<3 { bytes.emptyTensor() }
    }
}

/// A layer record as `dlib/dnn/layers.h` writes it.
struct DlibTestRecord {
    let write: (inout DlibBytes) -> Void

    static func multipliers(_ bytes: inout DlibBytes) {
        for _ in 0..<4 { bytes.float(mantissa: 1, exponent: 0) }
    }

    /// `con_4`/`con_5`/`con_6` with filters `outputs × inputs × k × k`, stride and padding.
    static func convolution(_ version: String, _ conv: ConvolutionLayer) -> DlibTestRecord {
        DlibTestRecord { bytes in
            let w = conv.window
            bytes.string(version)
            let params = conv.weights + (conv.bias ?? [])
            bytes.tensor(params.count, 1, 1, 1, params)
            bytes.int(conv.outputChannels)
            for value in [w.height, w.width, w.strideY, w.strideX, w.paddingY, w.paddingX] { bytes.int(value) }
            bytes.alias(conv.outputChannels, conv.inputChannels, w.height, w.width)
            if conv.bias == nil { bytes.alias(0, 0, 0, 0) } else { bytes.alias(1, conv.outputChannels, 1, 1) }
            multipliers(&bytes)
            if version != "con_4" { bytes.bool(conv.bias != nil) }
            if version == "con_6" { bytes.bool(conv.activation == .relu) }
        }
    }

    static func affine(_ version: String, scale: [Float], shift: [Float], disabled: Bool = false) -> DlibTestRecord {
        DlibTestRecord { bytes in
            bytes.string(version)
            bytes.tensor(2 * scale.count, 1, 1, 1, scale + shift)
            bytes.alias(1, scale.count, 1, 1)
            bytes.alias(1, scale.count, 1, 1)
            bytes.int(0)
            if version == "affine_2" { bytes.bool(disabled) }
        }
    }

    /// `bn_con2` with γ, β and running statistics; means/invstds of the last batch are empty.
    static func batchNorm(gamma: [Float], beta: [Float], means: [Float], variances: [Float], epsilon: Float) -> DlibTestRecord {
        DlibTestRecord { bytes in
            let k = gamma.count
            bytes.string("bn_con2")
            bytes.tensor(2 * k, 1, 1, 1, gamma + beta)
            bytes.alias(1, k, 1, 1)
            bytes.alias(1, k, 1, 1)
            bytes.emptyTensor()
            bytes.emptyTensor()
            bytes.tensor(1, k, 1, 1, means)
            bytes.tensor(1, k, 1, 1, variances)
            bytes.int(100)
            bytes.int(1000)
            multipliers(&bytes)
            bytes.float(epsilon)
        }
    }

    static func relu(_ version: String, disabled: Bool = false) -> DlibTestRecord {
        DlibTestRecord { bytes in
            bytes.string(version)
            if version == "relu_2" { bytes.bool(disabled) }
        }
    }

    static func pool(_ version: String, _ window: Window) -> DlibTestRecord {
        DlibTestRecord { bytes in
            bytes.string(version)
            for value in [window.height, window.width, window.strideY, window.strideX, window.paddingY, window.paddingX] {
                bytes.int(value)
            }
        }
    }

    static var addPrevious: DlibTestRecord { DlibTestRecord { $0.string("add_prev_") } }

    /// `fc_2`/`fc_3`: dlib stores the weights inputs × outputs, then the bias row.
    static func fullyConnected(_ version: String, _ dense: FullyConnectedLayer) -> DlibTestRecord {
        DlibTestRecord { bytes in
            bytes.string(version)
            bytes.int(dense.outputs)
            bytes.int(dense.inputs)
            var params: [Float] = []
            for i in 0..<dense.inputs {
                for o in 0..<dense.outputs { params.append(dense.weights[o * dense.inputs + i]) }
            }
            params += dense.bias ?? []
            bytes.tensor(params.count / dense.outputs, dense.outputs, 1, 1, params)
            bytes.alias(dense.inputs, dense.outputs, 1, 1)
            if dense.bias == nil { bytes.alias(0, 0, 0, 0) } else { bytes.alias(1, dense.outputs, 1, 1) }
            bytes.int(dense.bias == nil ? 1 : 0)
            multipliers(&bytes)
            if version == "fc_3" { bytes.bool(dense.bias != nil) }
        }
    }
}
