/// What one dlib layer record means for the graph.
enum DlibLayerRecord {
    /// A computation the graph runs.
    case layer(any Layer)
    /// A layer that passes its input through (a disabled `relu` or `affine`).
    case identity
    /// `add_prev`: adds the output of a tagged earlier layer. The file does not say which tag;
    /// ``DlibGraphBuilder`` works it out.
    case addPrevious

    /// Record names this importer understands, with every version tag dlib itself accepts.
    static let names: Set<String> = [
        "con_4", "con_5", "con_6", "affine_", "affine_2", "bn_con2", "bn_fc2", "relu_", "relu_2",
        "max_pool_2", "avg_pool_2", "add_prev_", "fc_2", "fc_3",
    ]

    /// Largest window, stride or padding accepted; real networks use single digits.
    static let sizeLimit = 1 << 16

    /// Reads one record (from `dlib/dnn/layers.h`), starting at its name.
    static func read(_ reader: inout DlibReader) throws -> DlibLayerRecord {
        let start = reader.offset
        let name = try reader.readString(limit: 64)
        switch name {
        case "con_4", "con_5", "con_6": return try readConvolution(&reader, version: name)
        case "affine_", "affine_2": return try readAffine(&reader, version: name)
        case "bn_con2", "bn_fc2": return try readBatchNorm(&reader)
        case "relu_": return .layer(ElementwiseLayer(.relu))
        case "relu_2": return try reader.readBool() ? .identity : .layer(ElementwiseLayer(.relu))
        case "max_pool_2": return .layer(PoolingLayer(.max, try readPooling(&reader)))
        case "avg_pool_2": return .layer(PoolingLayer(.average, try readPooling(&reader)))
        case "add_prev_": return .addPrevious
        case "fc_2", "fc_3": return try readFullyConnected(&reader, version: name)
        default:
            throw reader.error("unsupported dlib layer \"\(name)\"; this importer reads \(names.sorted().joined(separator: ", "))", at: start)
        }
    }

    /// `con_`: parameters (all filters, then the biases), filter count, nr, nc, strides, paddings,
    /// filter and bias alias shapes, four learning-rate/decay multipliers, use_bias (from con_5),
    /// use_relu (con_6).
    private static func readConvolution(_ reader: inout DlibReader, version: String) throws -> DlibLayerRecord {
        let start = reader.offset
        let params = try reader.readTensor()
        let filters = try reader.readSize("number of filters", in: 1...sizeLimit)
        _ = try reader.readSize("filter rows", in: 0...sizeLimit)
        _ = try reader.readSize("filter columns", in: 0...sizeLimit)
        let strideY = try reader.readSize("vertical stride", in: 1...sizeLimit)
        let strideX = try reader.readSize("horizontal stride", in: 1...sizeLimit)
        let paddingY = try reader.readSize("vertical padding", in: 0...sizeLimit)
        let paddingX = try reader.readSize("horizontal padding", in: 0...sizeLimit)
        // The filter alias holds the real size: nr = 0 means "as tall as the input" in dlib.
        let shape = try reader.readAliasShape("filter")
        _ = try reader.readAliasShape("bias")
        for _ in 0..<4 { _ = try reader.readDouble() }
        let storedBias = version == "con_4" ? nil : try reader.readBool()
        let relu = version == "con_6" ? try reader.readBool() : false

        guard shape[0] == filters, (1...sizeLimit).contains(shape[1]),
              (1...sizeLimit).contains(shape[2]), (1...sizeLimit).contains(shape[3]),
              let weightCount = product(shape[0], shape[1], shape[2], shape[3]) else {
            throw reader.error("convolution filter shape \(shape) does not match \(filters) filters", at: start)
        }
        let hasBias = storedBias ?? (params.values.count == weightCount + filters)
        guard params.values.count == weightCount + (hasBias ? filters : 0) else {
            throw reader.error("convolution has \(params.values.count) parameters, expected \(weightCount + (hasBias ? filters : 0)) (was the network saved before training?)", at: start)
        }
        let window = Window(height: shape[2], width: shape[3], strideY: strideY, strideX: strideX,
                            paddingY: paddingY, paddingX: paddingX)
        return .layer(ConvolutionLayer(
            inputChannels: shape[1], outputChannels: filters, window: window,
            weights: Array(params.values[0..<weightCount]),
            bias: hasBias ? Array(params.values[weightCount...]) : nil,
            activation: relu ? .relu : .identity))
    }

    /// `affine_`: parameters (γ then β), their alias shapes, the mode (0 per channel, 1 per value),
    /// and in `affine_2` a disabled flag.
    private static func readAffine(_ reader: inout DlibReader, version: String) throws -> DlibLayerRecord {
        let start = reader.offset
        let params = try reader.readTensor()
        let gamma = try reader.readAliasShape("gamma")
        _ = try reader.readAliasShape("beta")
        _ = try reader.readSize("affine mode", in: 0...1)
        let disabled = version == "affine_2" ? try reader.readBool() : false
        if disabled { return .identity }
        guard let count = product(gamma[0], gamma[1], gamma[2], gamma[3]), count >= 1,
              params.values.count == 2 * count else {
            throw reader.error("affine layer has \(params.values.count) parameters for a γ of shape \(gamma)", at: start)
        }
        return .layer(AffineLayer(scale: Array(params.values[0..<count]), shift: Array(params.values[count...])))
    }

    /// `bn_con2`/`bn_fc2`, a batch normalisation saved from training. dlib runs it as an affine
    /// layer in inference, with `scale = γ / √(running variance + ε)` and
    /// `shift = β − scale · running mean`; so does this importer.
    private static func readBatchNorm(_ reader: inout DlibReader) throws -> DlibLayerRecord {
        let start = reader.offset
        let params = try reader.readTensor()
        let gamma = try reader.readAliasShape("gamma")
        _ = try reader.readAliasShape("beta")
        _ = try reader.readTensor()  // batch means of the last training step
        _ = try reader.readTensor()  // batch inverse deviations of the last training step
        let means = try reader.readTensor()
        let variances = try reader.readTensor()
        _ = try reader.readInt()  // updates so far
        _ = try reader.readInt()  // running statistics window
        for _ in 0..<4 { _ = try reader.readDouble() }
        let epsilon = Float(try reader.readDouble())
        guard let count = product(gamma[0], gamma[1], gamma[2], gamma[3]), count >= 1,
              params.values.count == 2 * count, means.values.count == count, variances.values.count == count else {
            throw reader.error("batch normalisation has \(params.values.count) parameters and \(means.values.count) running means for a γ of shape \(gamma)", at: start)
        }
        var scale = [Float](repeating: 0, count: count), shift = scale
        for i in 0..<count {
            scale[i] = params.values[i] / (variances.values[i] + epsilon).squareRoot()
            shift[i] = params.values[count + i] - scale[i] * means.values[i]
        }
        return .layer(AffineLayer(scale: scale, shift: shift))
    }

    /// `max_pool_2`/`avg_pool_2`: window rows and columns (0 = the whole input), strides, paddings.
    private static func readPooling(_ reader: inout DlibReader) throws -> Window {
        let start = reader.offset
        let rows = try reader.readSize("pooling rows", in: 0...sizeLimit)
        let columns = try reader.readSize("pooling columns", in: 0...sizeLimit)
        let strideY = try reader.readSize("pooling vertical stride", in: 1...sizeLimit)
        let strideX = try reader.readSize("pooling horizontal stride", in: 1...sizeLimit)
        let paddingY = try reader.readSize("pooling vertical padding", in: 0...sizeLimit)
        let paddingX = try reader.readSize("pooling horizontal padding", in: 0...sizeLimit)
        guard rows == 0 ? paddingY == 0 : paddingY < rows, columns == 0 ? paddingX == 0 : paddingX < columns else {
            throw reader.error("pooling padding \(paddingY)×\(paddingX) is not smaller than its \(rows)×\(columns) window", at: start)
        }
        return Window(height: rows, width: columns, strideY: strideY, strideX: strideX, paddingY: paddingY, paddingX: paddingX)
    }

    /// `fc_`: outputs, inputs, parameters (an inputs × outputs weight matrix, then a bias row),
    /// alias shapes, bias mode (0 = has bias), four multipliers, and in `fc_3` use_bias.
    private static func readFullyConnected(_ reader: inout DlibReader, version: String) throws -> DlibLayerRecord {
        let start = reader.offset
        let outputs = try reader.readSize("fc outputs", in: 1...(1 << 24))
        let inputs = try reader.readSize("fc inputs", in: 1...(1 << 28))
        let params = try reader.readTensor()
        _ = try reader.readAliasShape("weights")
        _ = try reader.readAliasShape("biases")
        let biasMode = try reader.readSize("fc bias mode", in: 0...1)
        for _ in 0..<4 { _ = try reader.readDouble() }
        let useBias = version == "fc_3" ? try reader.readBool() : true
        let hasBias = biasMode == 0 && useBias
        guard let weightCount = product(inputs, outputs),
              params.values.count == weightCount + (hasBias ? outputs : 0) else {
            throw reader.error("fc layer has \(params.values.count) parameters for \(inputs) inputs × \(outputs) outputs", at: start)
        }
        // dlib stores one row per input; Graph wants one row per output.
        var weights = [Float](repeating: 0, count: weightCount)
        params.values.withUnsafeBufferPointer { source in
            for i in 0..<inputs {
                for o in 0..<outputs { weights[o * inputs + i] = source[i * outputs + o] }
            }
        }
        return .layer(FullyConnectedLayer(inputs: inputs, outputs: outputs, weights: weights,
                                          bias: hasBias ? Array(params.values[weightCount...]) : nil))
    }
}
