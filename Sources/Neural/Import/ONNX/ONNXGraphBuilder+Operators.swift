/// One translation per ONNX operator. Each checks every attribute that changes the result and
/// refuses values it cannot reproduce, so an unsupported use fails at load time, never as a
/// silently different answer.
extension ONNXGraphBuilder {
    mutating func translate(_ node: ONNXNode) throws(ONNXNetworkError) {
        let label = Self.label(node)
        guard node.domain.isEmpty || node.domain == "ai.onnx" else {
            throw .unsupportedOperator(file: file, operator: "\(node.domain):\(node.opType)", node: label)
        }
        let operation = Operation(node: node, label: label, file: file)
        switch node.opType {
        case "Conv": try convolution(operation)
        case "MaxPool", "AveragePool": try pooling(operation)
        case "GlobalAveragePool", "GlobalMaxPool": try globalPooling(operation)
        case "Relu": try elementwise(.relu, operation)
        case "Sigmoid": try elementwise(.sigmoid, operation)
        case "Resize", "Upsample": try resize(operation)
        case "Reshape": try reshape(operation)
        case "PRelu": try prelu(operation)
        case "Softmax": try softmax(operation)
        case "Transpose": try transpose(operation)
        case "Flatten": try flatten(operation)
        case "MatMul", "Gemm": try dense(operation)
        case "Add", "Mul", "Sub", "Div": try arithmetic(operation)
        case "Exp": try elementwise(.exponential, operation)
        case "BatchNormalization": try batchNormalization(operation)
        case "Concat": try concat(operation)
        case "Slice": try slice(operation)
        case "Shape": try shape(operation)
        case "Gather": try gather(operation)
        case "Unsqueeze": try unsqueeze(operation)
        case "Pad": try pad(operation)
        case "Constant": try constantNode(operation)
        case "DequantizeLinear": try dequantize(operation)
        case "Dropout", "Identity": try identity(operation)
        default:
            throw .unsupportedOperator(file: file, operator: node.opType, node: label)
        }
    }

    /// A node being translated, with helpers that read its attributes and name it in errors.
    struct Operation {
        let node: ONNXNode
        let label: String
        let file: String

        var op: String { node.opType }

        func unsupported(_ reason: String) -> ONNXNetworkError {
            .unsupportedUse(file: file, operator: op, node: label, reason: reason)
        }

        func malformed(_ reason: String) -> ONNXNetworkError {
            .malformed(file: file, node: label, reason: reason)
        }

        func int(_ name: String) throws(ONNXNetworkError) -> Int? {
            switch node.attribute(name) {
            case nil: return nil
            case .int(let value): return value
            default: throw malformed("attribute \(name) is not an integer")
            }
        }

        func ints(_ name: String) throws(ONNXNetworkError) -> [Int]? {
            switch node.attribute(name) {
            case nil: return nil
            case .ints(let values): return values
            default: throw malformed("attribute \(name) is not a list of integers")
            }
        }

        func float(_ name: String) throws(ONNXNetworkError) -> Float? {
            switch node.attribute(name) {
            case nil: return nil
            case .float(let value): return value
            default: throw malformed("attribute \(name) is not a float")
            }
        }

        func string(_ name: String) throws(ONNXNetworkError) -> String? {
            switch node.attribute(name) {
            case nil: return nil
            case .string(let value): return value
            default: throw malformed("attribute \(name) is not a string")
            }
        }

        /// The `index`th input's name, which must be present.
        func input(_ index: Int) throws(ONNXNetworkError) -> String {
            guard index < node.inputs.count, !node.inputs[index].isEmpty else {
                throw malformed("input \(index) is missing")
            }
            return node.inputs[index]
        }

        /// The `index`th input's name, or nil when it was left out.
        func optionalInput(_ index: Int) -> String? {
            index < node.inputs.count && !node.inputs[index].isEmpty ? node.inputs[index] : nil
        }

        /// The node's one output; further outputs (a pool's indices) must not be used.
        func output() throws(ONNXNetworkError) -> String {
            guard let first = node.outputs.first, !first.isEmpty else { throw malformed("the node has no output") }
            if node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
                throw unsupported("its optional outputs \(node.outputs.dropFirst()) are used")
            }
            return first
        }

        /// The dilations of a 2-D window (1 when absent).
        func dilations() throws(ONNXNetworkError) -> (Int, Int) {
            let dilations = try pair(ints("dilations"), default: 1, name: "dilations")
            guard dilations.0 >= 1, dilations.1 >= 1 else { throw malformed("dilations \(dilations) are not positive") }
            return dilations
        }

        /// Checks `dilations` is absent or all ones.
        func requireNoDilation() throws(ONNXNetworkError) {
            if let dilations = try ints("dilations"), dilations.contains(where: { $0 != 1 }) {
                throw unsupported("dilations \(dilations)")
            }
        }

        /// Symmetric padding `(rows, columns)` from `auto_pad` and `pads` for a `kernel` window.
        func padding(kernel: (Int, Int), strides: (Int, Int)) throws(ONNXNetworkError) -> (Int, Int) {
            switch try string("auto_pad") ?? "NOTSET" {
            case "NOTSET":
                let pads = try ints("pads") ?? [0, 0, 0, 0]
                guard pads.count == 4 else { throw malformed("pads \(pads) should hold 4 values for a 2-D window") }
                guard pads[0] == pads[2], pads[1] == pads[3] else {
                    throw unsupported("asymmetric pads \(pads)")
                }
                return (pads[0], pads[1])
            case "VALID":
                return (0, 0)
            case let rule where strides == (1, 1) && kernel.0 % 2 == 1 && kernel.1 % 2 == 1 && rule.hasPrefix("SAME"):
                return ((kernel.0 - 1) / 2, (kernel.1 - 1) / 2)
            case let rule:
                throw unsupported("auto_pad \(rule) with kernel \(kernel) and strides \(strides)")
            }
        }

        func pair(_ values: [Int]?, default value: Int, name: String) throws(ONNXNetworkError) -> (Int, Int) {
            guard let values else { return (value, value) }
            guard values.count == 2 else { throw unsupported("\(name) \(values) (only 2-D windows are supported)") }
            return (values[0], values[1])
        }
    }

    // MARK: - Convolution and pooling

    private mutating func convolution(_ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        try requireImage(x, .channelsFirst, operation)
        let weights = try constant(operation.input(1), for: operation.label, op: operation.op)
        guard let filters = weights.floats, weights.dims.count == 4 else {
            throw operation.malformed("weights \(weights.name) are not a rank-4 float tensor")
        }
        let group = try operation.int("group") ?? 1
        let depthwise = group == x.channels && group > 1 && weights.dims[0] == group && weights.dims[1] == 1
        guard group == 1 || depthwise else {
            throw operation.unsupported("group \(group) with weights \(weights.dims) (only 1 or one group per channel)")
        }
        let given = (weights.dims[2], weights.dims[3])
        if let shape = try operation.ints("kernel_shape"), shape != [given.0, given.1] {
            throw operation.malformed("kernel_shape \(shape) disagrees with weights \(weights.dims)")
        }
        guard filters.count == weights.elementCount, given.0 >= 1, given.1 >= 1 else {
            throw operation.malformed("weights \(weights.name) \(weights.dims) are empty")
        }
        let dilations = try operation.dilations()
        let (kernel, taps) = Self.dilate(filters, kernel: given, by: dilations)
        let strides = try operation.pair(operation.ints("strides"), default: 1, name: "strides")
        let padding = try operation.padding(kernel: kernel, strides: strides)
        var bias: [Float]?
        if let name = operation.optionalInput(2) {
            bias = try constant(name, for: operation.label, op: operation.op).floats
            guard bias?.count == weights.dims[0] else { throw operation.malformed("bias does not hold one float per filter") }
        }
        guard weights.dims[1] * group == x.channels else {
            throw operation.malformed("weights \(weights.dims) expect \(weights.dims[1]) input channels, the input has \(x.channels)")
        }
        let window = Window(height: kernel.0, width: kernel.1, strideY: strides.0, strideX: strides.1,
                            paddingY: padding.0, paddingX: padding.1)
        let layer: any Layer = if depthwise {
            DepthwiseConvolutionLayer(channels: x.channels, window: window, weights: taps, bias: bias)
        } else {
            ConvolutionLayer(inputChannels: x.channels, outputChannels: weights.dims[0], window: window,
                             weights: taps, bias: bias)
        }
        define(try operation.output(), .computed(try append(layer, reading: [x], node: operation.label, layout: x.layout)))
    }

    /// A dilated filter as the ordinary filter it equals: taps `dilation` apart with zeros
    /// between them, so a 3×3 filter of dilation 5 becomes 11×11. Exact (the zeros add nothing),
    /// at the cost of multiplying by those zeros.
    static func dilate(_ filters: [Float], kernel: (Int, Int), by dilation: (Int, Int)) -> (kernel: (Int, Int), weights: [Float]) {
        guard dilation != (1, 1) else { return (kernel, filters) }
        let size = ((kernel.0 - 1) * dilation.0 + 1, (kernel.1 - 1) * dilation.1 + 1)
        let filterCount = filters.count / (kernel.0 * kernel.1)
        var dilated = [Float](repeating: 0, count: filterCount * size.0 * size.1)
        for f in 0..<filterCount {
            for ky in 0..<kernel.0 {
                for kx in 0..<kernel.1 {
                    dilated[(f * size.0 + ky * dilation.0) * size.1 + kx * dilation.1] = filters[(f * kernel.0 + ky) * kernel.1 + kx]
                }
            }
        }
        return (size, dilated)
    }

    private mutating func pooling(_ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        try requireImage(x, .channelsFirst, operation)
        guard let shape = try operation.ints("kernel_shape") else { throw operation.malformed("kernel_shape is missing") }
        let kernel = try operation.pair(shape, default: 1, name: "kernel_shape")
        let strides = try operation.pair(operation.ints("strides"), default: 1, name: "strides")
        try operation.requireNoDilation()
        if let ceil = try operation.int("ceil_mode"), ceil != 0 { throw operation.unsupported("ceil_mode \(ceil)") }
        let isMax = operation.op == "MaxPool"
        let layer: any Layer
        if try operation.string("auto_pad") == "SAME_UPPER" && isMax {
            layer = SameUpperMaxPoolingLayer(Window(height: kernel.0, width: kernel.1, strideY: strides.0, strideX: strides.1))
        } else {
            let padding = try operation.padding(kernel: kernel, strides: strides)
            // The engine's average divides by the taps inside the input: count_include_pad = 0.
            if !isMax, padding != (0, 0), try operation.int("count_include_pad") ?? 0 != 0 {
                throw operation.unsupported("count_include_pad 1 with padding")
            }
            let window = Window(height: kernel.0, width: kernel.1, strideY: strides.0, strideX: strides.1,
                                paddingY: padding.0, paddingX: padding.1)
            layer = PoolingLayer(isMax ? .max : .average, window)
        }
        define(try operation.output(), .computed(try append(layer, reading: [x], node: operation.label, layout: x.layout)))
    }

    private mutating func globalPooling(_ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        try requireImage(x, .channelsFirst, operation)
        let layer = PoolingLayer.wholeInput(operation.op == "GlobalMaxPool" ? .max : .average)
        var y = try append(layer, reading: [x], node: operation.label, layout: x.layout)
        y.shape = FeatureShape(channels: x.channels, height: 1, width: 1)
        define(try operation.output(), .computed(y))
    }

    func requireImage(_ x: Computed, _ order: ONNXLayout.Order, _ operation: Operation) throws(ONNXNetworkError) {
        guard x.layout == ONNXLayout(order: order, form: .image) else {
            throw operation.unsupported("its input is a \(x.layout) (it needs a \(ONNXLayout(order: order, form: .image)))")
        }
    }

    // MARK: - Element-wise

    mutating func elementwise(_ function: ElementwiseLayer.Function, _ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        let y = try append(ElementwiseLayer(function), reading: [x], node: operation.label, layout: x.layout)
        define(try operation.output(), .computed(y))
    }

    private mutating func prelu(_ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        let slope = try constant(operation.input(1), for: operation.label, op: operation.op)
        let slopes = try perChannel(slope, for: x, operation)
        define(try operation.output(), .computed(try append(PReLULayer(slopes: slopes), reading: [x], node: operation.label, layout: x.layout)))
    }

    private mutating func softmax(_ operation: Operation) throws(ONNXNetworkError) {
        var x = try computed(operation.input(0), for: operation.label, op: operation.op)
        let declared = try operation.int("axis") ?? (opset < 13 ? 1 : -1)
        let axis = declared < 0 ? declared + x.layout.rank : declared
        // Rows of a rank-3 tensor: the last axis is the channel axis once the rows are columns.
        if case .rows(let length) = x.layout.form, axis == 2 {
            x = try rowsAsChannels(x, length: length, node: operation.label)
        }
        let pointwise = x.shape.map { $0.height * $0.width == 1 } ?? false
        // Before opset 13 Softmax normalises over every axis from `axis` on, together.
        let acrossChannels: Bool
        switch (x.layout.form, x.layout.order) {
        case (.image, .channelsFirst): acrossChannels = axis == 1 && (opset >= 13 || pointwise)
        case (.image, .channelsLast): acrossChannels = axis == 3
        case (.matrix, _): acrossChannels = axis == 1 && pointwise
        case (.rows, _): acrossChannels = axis == 2 && x.layout.order == .channelsLast
        }
        guard acrossChannels else {
            throw operation.unsupported("axis \(declared) of a \(x.layout) (opset \(opset)) is not the channel axis")
        }
        define(try operation.output(), .computed(try append(SoftmaxLayer(), reading: [x], node: operation.label, layout: x.layout)))
    }

    /// A constant that `x`'s ONNX shape broadcasts one value per channel (or one value overall),
    /// as one value per channel.
    func perChannel(_ tensor: ONNXTensor, for x: Computed, _ operation: Operation) throws(ONNXNetworkError) -> [Float] {
        guard let values = tensor.floats else { throw operation.unsupported("constant \(tensor.name) is not float") }
        if values.count == 1 { return [Float](repeating: values[0], count: x.channels) }
        let pointwise = x.shape.map { $0.height * $0.width == 1 } ?? false
        let rank: Int, channelAxis: Int?
        switch (x.layout.form, x.layout.order) {
        case (.image, .channelsFirst): (rank, channelAxis) = (4, 1)
        case (.image, .channelsLast): (rank, channelAxis) = (4, 3)
        case (.matrix, _): (rank, channelAxis) = (2, pointwise ? 1 : nil)
        case (.rows, _): (rank, channelAxis) = (3, nil)
        }
        guard let channelAxis, tensor.dims.count <= rank else {
            throw operation.unsupported("constant \(tensor.name) of shape \(tensor.dims) does not broadcast per channel over a \(x.layout)")
        }
        let dims = [Int](repeating: 1, count: rank - tensor.dims.count) + tensor.dims
        guard dims.indices.allSatisfy({ $0 == channelAxis ? dims[$0] == x.channels : dims[$0] == 1 }) else {
            throw operation.unsupported("constant \(tensor.name) of shape \(tensor.dims) does not broadcast per channel over a \(x.layout) of \(x.channels) channels")
        }
        return values
    }

    /// Zeros at the end of the channel, row and column axes, left for the `Add` that reads them.
    private mutating func pad(_ operation: Operation) throws(ONNXNetworkError) {
        var x = try computed(operation.input(0), for: operation.label, op: operation.op)
        try requireImage(x, .channelsFirst, operation)
        let mode = try operation.string("mode") ?? "constant"
        guard mode == "constant" else { throw operation.unsupported("mode \(mode)") }
        let pads: [Int]
        if opset >= 11 {
            guard let values = try constant(operation.input(1), for: operation.label, op: operation.op).integers else {
                throw operation.malformed("pads are not integers")
            }
            pads = values
            if let name = operation.optionalInput(2),
               try constant(name, for: operation.label, op: operation.op).floats?.contains(where: { $0 != 0 }) != false {
                throw operation.unsupported("a constant_value other than 0")
            }
            if operation.optionalInput(3) != nil { throw operation.unsupported("an axes input") }
        } else {
            pads = try operation.ints("pads") ?? []
            if let value = try operation.float("value"), value != 0 { throw operation.unsupported("value \(value)") }
        }
        guard pads.count == 8 else { throw operation.malformed("pads \(pads) should hold 8 values for a rank-4 tensor") }
        guard pads[0...4].allSatisfy({ $0 == 0 }), pads[5...].allSatisfy({ $0 >= 0 }) else {
            throw operation.unsupported("pads \(pads) (only zeros at the end of channels, rows and columns)")
        }
        x.padding = FeatureShape(channels: x.padding.channels + pads[5], height: x.padding.height + pads[6],
                                 width: x.padding.width + pads[7])
        x.ownsNode = false
        define(try operation.output(), .computed(x))
    }

    // MARK: - Layout and dense layers

    /// Transposes between NCHW and NHWC only rename elements: the layout changes, no data moves.
    private mutating func transpose(_ operation: Operation) throws(ONNXNetworkError) {
        var x = try computed(operation.input(0), for: operation.label, op: operation.op)
        let perm = try operation.ints("perm")
        switch (x.layout.form, x.layout.order, perm) {
        case (.image, .channelsLast, [0, 3, 1, 2]?): x.layout.order = .channelsFirst
        case (.image, .channelsFirst, [0, 2, 3, 1]?): x.layout.order = .channelsLast
        case (.image, _, [0, 1, 2, 3]?): break
        default: throw operation.unsupported("perm \(perm.map(String.init(describing:)) ?? "reversed") of a \(x.layout)")
        }
        x.ownsNode = false
        define(try operation.output(), .computed(x))
    }

    private mutating func flatten(_ operation: Operation) throws(ONNXNetworkError) {
        var x = try computed(operation.input(0), for: operation.label, op: operation.op)
        let axis = try operation.int("axis") ?? 1
        guard axis == 1 else { throw operation.unsupported("axis \(axis)") }
        x.layout.form = .matrix
        x.ownsNode = false
        define(try operation.output(), .computed(x))
    }

    /// `MatMul` by a constant matrix and `Gemm`: a dense layer. The rows of the ONNX weights
    /// follow the input's element order; channels-last rows are moved to the engine's order.
    private mutating func dense(_ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        guard x.layout.form == .matrix else {
            throw operation.unsupported("its input is a \(x.layout), not a matrix")
        }
        let b = try constant(operation.input(1), for: operation.label, op: operation.op)
        let isGemm = operation.op == "Gemm"
        if isGemm, let transA = try operation.int("transA"), transA != 0 { throw operation.unsupported("transA \(transA)") }
        let transposed = isGemm ? (try operation.int("transB") ?? 0) != 0 : false
        let alpha = isGemm ? try operation.float("alpha") ?? 1 : 1
        let beta = isGemm ? try operation.float("beta") ?? 1 : 1
        guard let matrix = b.floats, b.dims.count == 2 else {
            throw operation.unsupported("the weights \(b.name) \(b.dims) are not a constant float matrix")
        }
        let (inputs, outputs) = transposed ? (b.dims[1], b.dims[0]) : (b.dims[0], b.dims[1])
        guard let shape = x.shape else {
            throw operation.unsupported("the input size is not fixed, so the dense layer's input length is unknown")
        }
        guard inputs == shape.count else {
            throw operation.malformed("weights \(b.dims) take \(inputs) values, the input has \(shape.count)")
        }
        let area = shape.height * shape.width
        var weights = [Float](repeating: 0, count: inputs * outputs)
        for row in 0..<inputs {
            let column = x.layout.order == .channelsFirst ? row : (row % shape.channels) * area + row / shape.channels
            for o in 0..<outputs {
                weights[o * inputs + column] = alpha * (transposed ? matrix[o * inputs + row] : matrix[row * outputs + o])
            }
        }
        var bias: [Float]?
        if isGemm, let name = operation.optionalInput(2) {
            let c = try constant(name, for: operation.label, op: operation.op)
            guard let values = c.floats, values.count == outputs || values.count == 1, c.dims.dropLast().allSatisfy({ $0 == 1 }) else {
                throw operation.unsupported("bias \(c.name) of shape \(c.dims) for \(outputs) outputs")
            }
            bias = values.count == 1 ? [Float](repeating: beta * values[0], count: outputs) : values.map { beta * $0 }
        }
        let layer = FullyConnectedLayer(inputs: inputs, outputs: outputs, weights: weights, bias: bias)
        let y = try append(layer, reading: [x], node: operation.label, layout: ONNXLayout(order: .channelsFirst, form: .matrix))
        define(try operation.output(), .computed(y))
    }

    /// `Identity`, and `Dropout` as at inference: the input passes unchanged. A `Dropout`
    /// told to train (`training_mode` true, or `is_test` 0 before opset 7) is refused, and so
    /// is one whose mask output is used.
    private mutating func identity(_ operation: Operation) throws(ONNXNetworkError) {
        if operation.op == "Dropout" {
            if opset < 7, let test = try operation.int("is_test"), test == 0 {
                throw operation.unsupported("is_test 0 (training)")
            }
            if let name = operation.optionalInput(2),
               try constant(name, for: operation.label, op: operation.op).integers?.contains(where: { $0 != 0 }) != false {
                throw operation.unsupported("training_mode that is not a constant false")
            }
        }
        let output = try operation.output()
        switch try value(operation.input(0), for: operation.label, op: operation.op) {
        case .constant(let tensor):
            define(output, .constant(tensor))
        case .computed(var x):
            // Another name for the same engine value: what follows may no longer fold into it.
            x.ownsNode = false
            define(output, .computed(x))
        }
    }

    private mutating func constantNode(_ operation: Operation) throws(ONNXNetworkError) {
        guard case .tensor(let tensor)? = operation.node.attribute("value") else {
            throw operation.unsupported("a value given other than as a tensor attribute")
        }
        define(try operation.output(), .constant(tensor))
    }

    /// Nearest-neighbour `Resize` (or the older `Upsample`) by the same whole factor along
    /// rows and columns, where every output pixel copies the input pixel `⌊output / factor⌋`.
    private mutating func resize(_ operation: Operation) throws(ONNXNetworkError) {
        let x = try computed(operation.input(0), for: operation.label, op: operation.op)
        try requireImage(x, .channelsFirst, operation)
        let mode = try operation.string("mode") ?? "nearest"
        guard mode == "nearest" else { throw operation.unsupported("mode \(mode)") }
        if operation.op == "Resize" {
            let transformation = try operation.string("coordinate_transformation_mode") ?? "half_pixel"
            let rounding = try operation.string("nearest_mode") ?? "round_prefer_floor"
            // With a whole factor both pick ⌊output / factor⌋; other modes shift the grid.
            guard transformation == "asymmetric", ["floor", "round_prefer_floor"].contains(rounding) else {
                throw operation.unsupported("coordinate_transformation_mode \(transformation) with nearest_mode \(rounding)")
            }
        }
        // Scales are input 2 of Resize (opset 11+), 1 of Resize-10 and Upsample-9, or an attribute.
        let index = operation.op == "Resize" && opset >= 11 ? 2 : 1
        let scales: [Float]
        if let name = operation.optionalInput(index) {
            scales = try constant(name, for: operation.label, op: operation.op).floats ?? []
        } else if case .floats(let values)? = operation.node.attribute("scales") {
            scales = values
        } else {
            throw operation.unsupported("output sizes given instead of scales")
        }
        if operation.op == "Resize", opset >= 11, operation.optionalInput(3) != nil, !scales.isEmpty {
            throw operation.malformed("both scales and sizes are given")
        }
        guard scales.count == 4, scales[0] == 1, scales[1] == 1, scales[2] == scales[3], scales[2] >= 1,
              scales[2] == scales[2].rounded() else {
            throw operation.unsupported("scales \(scales) (only the same whole factor along rows and columns)")
        }
        let layer = NearestUpsamplingLayer(factor: Int(scales[2]))
        define(try operation.output(), .computed(try append(layer, reading: [x], node: operation.label, layout: x.layout)))
    }

    /// A `Reshape` that keeps the element order and groups each sample's elements into rows of
    /// a fixed length (`[N, -1, k]`) or one row (`[N, -1]`): only the layout changes.
    ///
    /// The batch dimension must stay first, given as 0 (copy) or as the input's fixed batch
    /// size; so the network keeps running one sample at a time.
    private mutating func reshape(_ operation: Operation) throws(ONNXNetworkError) {
        if case .constant(let tensor) = try value(operation.input(0), for: operation.label, op: operation.op) {
            return try reshapeConstant(tensor, operation)
        }
        var x = try computed(operation.input(0), for: operation.label, op: operation.op)
        guard let target = try constant(operation.input(1), for: operation.label, op: operation.op).integers else {
            throw operation.malformed("the target shape is not integers")
        }
        let fixedBatch: Int? = if case .fixed(let size)? = inputBinding.declaredShape?.first { size } else { nil }
        guard let first = target.first, first == 0 || first == fixedBatch else {
            throw operation.unsupported("target shape \(target) does not keep the batch dimension first")
        }
        let count = x.shape?.count
        switch target.count {
        case 2 where target[1] == -1 || target[1] == count:
            x.layout.form = .matrix
        case 3 where target[2] >= 1 && (target[1] == -1 || count.map { target[1] * target[2] == $0 } == true):
            if let count, count % target[2] != 0 {
                throw operation.malformed("\(count) values per sample do not fill rows of \(target[2])")
            }
            x.layout.form = .rows(target[2])
        default:
            throw operation.unsupported("target shape \(target)")
        }
        x.ownsNode = false
        define(try operation.output(), .computed(x))
    }
}
