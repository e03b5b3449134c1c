extension Graph {
    /// The output shape of every node for one input sample shape, checking each layer's
    /// parameters against its input on the way.
    public func shapes(for input: FeatureShape) throws(GraphError) -> [FeatureShape] {
        guard self.input.accepts(input) else {
            throw .inputMismatch(expected: self.input.summary, found: TensorShape(batch: 1, sample: input))
        }
        var shapes: [FeatureShape] = []
        shapes.reserveCapacity(nodes.count)
        for node in nodes {
            let inputs = node.inputs.map { shape(of: $0, input: input, nodeShapes: shapes) }
            shapes.append(try node.layer.outputShape(for: inputs, node: node.name))
        }
        return shapes
    }

    /// The shapes of the graph outputs for one input sample shape.
    public func outputShapes(for input: FeatureShape) throws(GraphError) -> [FeatureShape] {
        let nodeShapes = try shapes(for: input)
        return outputs.map { shape(of: $0, input: input, nodeShapes: nodeShapes) }
    }
}

extension GraphInput {
    var summary: String {
        "\(channels)×\(height.map(String.init) ?? "any")×\(width.map(String.init) ?? "any")"
    }
}

extension Layer {
    /// The shape this layer produces from inputs of `inputs` shapes, or why it cannot run on them.
    func outputShape(for inputs: [FeatureShape], node: String) throws(GraphError) -> FeatureShape {
        func mismatch(_ reason: String) -> GraphError { .shapeMismatch(node: node, reason: reason) }
        let x = inputs[0]
        switch self {
        case .convolution(let conv):
            guard conv.inputChannels == x.channels else {
                throw mismatch("convolution expects \(conv.inputChannels) input channels, receives \(x)")
            }
            guard conv.outputChannels >= 1,
                  let weightCount = product(conv.outputChannels, conv.inputChannels, conv.window.height, conv.window.width),
                  conv.weights.count == weightCount else {
                throw mismatch("convolution has \(conv.weights.count) weights for \(conv.outputChannels) filters of \(conv.inputChannels)×\(conv.window.height)×\(conv.window.width)")
            }
            if let bias = conv.bias, bias.count != conv.outputChannels {
                throw mismatch("convolution has \(bias.count) biases for \(conv.outputChannels) filters")
            }
            return try slide(conv.window, over: x, channels: conv.outputChannels, mismatch: mismatch)
        case .affine(let affine):
            guard affine.scale.count == affine.shift.count,
                  affine.scale.count == x.channels || affine.scale.count == x.count else {
                throw mismatch("affine has \(affine.scale.count) scales and \(affine.shift.count) shifts for a \(x) input")
            }
            return x
        case .relu:
            return x
        case .maxPool(let pooling), .averagePool(let pooling):
            let window = pooling.resolved(height: x.height, width: x.width)
            guard window.paddingY < window.height, window.paddingX < window.width else {
                throw mismatch("pooling padding \(window.paddingY)×\(window.paddingX) is not smaller than its \(window.height)×\(window.width) window")
            }
            return try slide(window, over: x, channels: x.channels, mismatch: mismatch)
        case .add:
            let y = inputs[1]
            return FeatureShape(channels: max(x.channels, y.channels), height: max(x.height, y.height),
                                width: max(x.width, y.width))
        case .fullyConnected(let dense):
            guard dense.inputs == x.count else {
                throw mismatch("fully connected layer takes \(dense.inputs) values, receives \(x) = \(x.count)")
            }
            guard dense.outputs >= 1, let weightCount = product(dense.outputs, dense.inputs),
                  dense.weights.count == weightCount else {
                throw mismatch("fully connected layer has \(dense.weights.count) weights for \(dense.inputs) inputs × \(dense.outputs) outputs")
            }
            if let bias = dense.bias, bias.count != dense.outputs {
                throw mismatch("fully connected layer has \(bias.count) biases for \(dense.outputs) outputs")
            }
            return FeatureShape(channels: dense.outputs, height: 1, width: 1)
        case .prelu(let slopes):
            guard slopes.count == x.channels else {
                throw mismatch("prelu has \(slopes.count) slopes for a \(x) input")
            }
            return x
        case .softmax:
            return x
        case .maxPoolSameUpper(let window):
            guard window.height >= 1, window.width >= 1, window.strideY >= 1, window.strideX >= 1,
                  window.paddingY == 0, window.paddingX == 0 else {
                throw mismatch("a same-upper pooling needs a window and strides of at least 1 and no padding of its own")
            }
            return FeatureShape(channels: x.channels, height: (x.height + window.strideY - 1) / window.strideY,
                                width: (x.width + window.strideX - 1) / window.strideX)
        case .depthwiseConvolution(let conv):
            guard conv.inputChannels == x.channels, conv.outputChannels == x.channels, conv.activation == .identity,
                  let weightCount = product(x.channels, conv.window.height, conv.window.width),
                  conv.weights.count == weightCount, conv.bias.map({ $0.count == x.channels }) ?? true else {
                throw mismatch("depthwise convolution with \(conv.weights.count) weights for \(conv.outputChannels) filters of \(conv.window.height)×\(conv.window.width) does not fit a \(x) input")
            }
            return try slide(conv.window, over: x, channels: x.channels, mismatch: mismatch)
        case .sigmoid:
            return x
        case .upsampleNearest(let factor):
            guard factor >= 1, let height = product(x.height, factor), let width = product(x.width, factor) else {
                throw mismatch("upsampling factor \(factor) is not a whole number from 1 up")
            }
            return FeatureShape(channels: x.channels, height: height, width: width)
        case .exp:
            return x
        case .subtract:
            guard inputs[1] == x else { throw mismatch("subtraction of a \(inputs[1]) input from a \(x) input") }
            return x
        case .concatenate(.channels):
            guard inputs.allSatisfy({ $0.height == x.height && $0.width == x.width }),
                  let channels = checkedSum(inputs.map(\.channels)) else {
                throw mismatch("channel concatenation of inputs \(inputs) whose heights and widths differ")
            }
            return FeatureShape(channels: channels, height: x.height, width: x.width)
        case .concatenate(.positions):
            guard inputs.allSatisfy({ $0.channels == x.channels }),
                  let positions = checkedSum(inputs.map { $0.height * $0.width }) else {
                throw mismatch("position concatenation of inputs \(inputs) whose channel counts differ")
            }
            return FeatureShape(channels: x.channels, height: positions, width: 1)
        case .selectChannels(let range):
            guard range.lowerBound >= 0, range.upperBound <= x.channels, !range.isEmpty else {
                throw mismatch("channels \(range) of a \(x) input")
            }
            return FeatureShape(channels: range.count, height: x.height, width: x.width)
        case .regroupRows(let length, _):
            guard length >= 1, x.count % length == 0 else {
                throw mismatch("the \(x.count) values of a \(x) input do not fill rows of \(length)")
            }
            return FeatureShape(channels: length, height: x.count / length, width: 1)
        }
    }

    private func slide(
        _ window: Window, over x: FeatureShape, channels: Int, mismatch: (String) -> GraphError
    ) throws(GraphError) -> FeatureShape {
        guard window.height >= 1, window.width >= 1, window.strideY >= 1, window.strideX >= 1,
              window.paddingY >= 0, window.paddingX >= 0,
              window.height <= x.height + 2 * window.paddingY, window.width <= x.width + 2 * window.paddingX else {
            throw mismatch("a \(window.height)×\(window.width) window (stride \(window.strideY)×\(window.strideX), padding \(window.paddingY)×\(window.paddingX)) does not fit a \(x) input")
        }
        return FeatureShape(channels: channels,
                            height: 1 + (x.height + 2 * window.paddingY - window.height) / window.strideY,
                            width: 1 + (x.width + 2 * window.paddingX - window.width) / window.strideX)
    }
}

/// The sum of sizes, or nil when it overflows.
func checkedSum(_ terms: [Int]) -> Int? {
    var result = 0
    for term in terms {
        let (next, overflow) = result.addingReportingOverflow(term)
        if overflow { return nil }
        result = next
    }
    return result
}

/// The product of sizes, or nil when it overflows: sizes may come from a corrupt file.
func product(_ factors: Int...) -> Int? {
    var result = 1
    for factor in factors {
        guard factor >= 0 else { return nil }
        let (next, overflow) = result.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        result = next
    }
    return result
}
