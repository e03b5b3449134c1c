/// Element-wise arithmetic: `Add`, `Sub`, `Mul` and `Div` with broadcasting of constants, and
/// `BatchNormalization` in inference form. Each becomes an affine layer (folded into the layer
/// before it where possible), an addition or a subtraction.
extension ONNXGraphBuilder {
    /// Of a computed value and a constant, a scale or shift: `x + c`, `x − c` (`x + (−c)`),
    /// `c − x` (`x · (−1) + c`), `x · c`, and `x / c`, computed as `x · (1/c)`: the same value
    /// when `c` is a power of two, within one rounding otherwise. Of two computed values, the
    /// engine's addition or subtraction.
    mutating func arithmetic(_ operation: Operation) throws(ONNXNetworkError) {
        let names = try (operation.input(0), operation.input(1))
        let a = try value(names.0, for: operation.label, op: operation.op)
        let b = try value(names.1, for: operation.label, op: operation.op)
        let output = try operation.output()
        switch (a, b) {
        case let (.computed(x), .constant(c)), let (.constant(c), .computed(x)):
            let computedFirst = if case .computed = a { true } else { false }
            let name = computedFirst ? names.0 : names.1
            if x.isPadded { throw operation.unsupported("a padded input meets a constant") }
            let values = try broadcast(c, over: x, operation)
            let y: Computed
            switch (operation.op, computedFirst) {
            case ("Add", _):
                y = try appendAffine(scale: nil, shift: values, to: x, named: name, node: operation.label)
            case ("Mul", _):
                y = try appendAffine(scale: values, shift: nil, to: x, named: name, node: operation.label)
            case ("Sub", true):
                y = try appendAffine(scale: nil, shift: values.map { -$0 }, to: x, named: name, node: operation.label)
            case ("Sub", false):
                y = try appendAffine(scale: values.map { _ in -1 }, shift: values, to: x, named: name, node: operation.label)
            case ("Div", true):
                guard !values.contains(0) else { throw operation.unsupported("division by a constant holding zeros") }
                y = try appendAffine(scale: values.map { 1 / $0 }, shift: nil, to: x, named: name, node: operation.label)
            default:
                throw operation.unsupported("a constant divided by a computed value")
            }
            define(output, .computed(y))
        case let (.computed(x), .computed(y)) where operation.op == "Add":
            define(output, .computed(try sum(x, y, operation)))
        case let (.computed(x), .computed(y)) where operation.op == "Sub":
            try requireSameShape(x, y, operation)
            define(output, .computed(try append(SubtractionLayer(), reading: [x, y], node: operation.label, layout: x.layout)))
        case (.computed, .computed):
            throw operation.unsupported("both inputs are computed values")
        case (.constant, .constant):
            throw operation.unsupported("both inputs are constants (constant folding covers shape computations only)")
        }
    }

    /// A constant as the values an affine layer applies to `x`: one per channel when it
    /// broadcasts so (needs no fixed size), else one per element of a sample in the engine's
    /// order (needs `x`'s size). The constant broadcasts as NumPy does: aligned at the last
    /// axis, a size of 1 repeats; it may not broadcast along the batch axis.
    func broadcast(_ tensor: ONNXTensor, over x: Computed, _ operation: Operation) throws(ONNXNetworkError) -> [Float] {
        if let values = try? perChannel(tensor, for: x, operation) { return values }
        guard let values = tensor.floats else { throw operation.unsupported("constant \(tensor.name) is not float") }
        guard let shape = x.shape else {
            throw operation.unsupported("constant \(tensor.name) of shape \(tensor.dims) varies within a channel, and the input size is not fixed")
        }
        let dims = x.layout.dimensions(batch: 1, sample: shape)
        guard tensor.dims.count <= dims.count else {
            throw operation.unsupported("constant \(tensor.name) of shape \(tensor.dims) has more axes than the \(x.layout)")
        }
        let constantDims = [Int](repeating: 1, count: dims.count - tensor.dims.count) + tensor.dims
        guard constantDims[0] == 1, zip(constantDims, dims).allSatisfy({ $0 == 1 || $0 == $1 }) else {
            throw operation.unsupported("constant \(tensor.name) of shape \(tensor.dims) does not broadcast over \(dims)")
        }
        // Strides of the constant along x's axes; 0 where it repeats.
        var strides = [Int](repeating: 0, count: dims.count)
        var stride = 1
        for axis in dims.indices.reversed() {
            strides[axis] = constantDims[axis] == 1 ? 0 : stride
            stride *= constantDims[axis]
        }
        // The constant's value for each ONNX element of a sample, in ONNX order.
        var onnxOrder = [Float](repeating: 0, count: shape.count)
        for f in 0..<shape.count {
            var rest = f, offset = 0
            for axis in dims.indices.dropFirst().reversed() {
                offset += rest % dims[axis] * strides[axis]
                rest /= dims[axis]
            }
            onnxOrder[f] = values[offset]
        }
        guard x.layout.order == .channelsLast else { return onnxOrder }
        // Engine element (c, p) is ONNX element p · C + c.
        let area = shape.height * shape.width
        return (0..<shape.count).map { e in onnxOrder[(e % area) * shape.channels + e / area] }
    }

    /// `x + y` for values of the same ONNX shape, either of which may carry `Pad` zeros.
    mutating func sum(_ x: Computed, _ y: Computed, _ operation: Operation) throws(ONNXNetworkError) -> Computed {
        if x.isPadded || y.isPadded {
            guard x.layout == y.layout, x.layout == ONNXLayout(order: .channelsFirst, form: .image),
                  let xs = x.shape, let ys = y.shape else {
                throw operation.unsupported("a padded input needs a channels-first image of fixed size")
            }
            let raw = [xs, ys].map { [$0.channels, $0.height, $0.width] }
            let xp = zip(raw[0], [x.padding.channels, x.padding.height, x.padding.width]).map(+)
            let yp = zip(raw[1], [y.padding.channels, y.padding.height, y.padding.width]).map(+)
            let larger = zip(raw[0], raw[1]).map(max)
            guard xp == yp, xp == larger else {
                throw operation.unsupported("the padded inputs \(xp) and \(yp) are not the zero extension of \(xs) and \(ys)")
            }
        } else {
            try requireSameShape(x, y, operation)
        }
        var unpadded = (x, y)
        unpadded.0.padding = FeatureShape(channels: 0, height: 0, width: 0)
        unpadded.1.padding = unpadded.0.padding
        return try append(AdditionLayer(), reading: [unpadded.0, unpadded.1], node: operation.label, layout: x.layout)
    }

    /// Element-wise operators on two computed values run without broadcasting, on values laid
    /// out alike.
    private func requireSameShape(_ x: Computed, _ y: Computed, _ operation: Operation) throws(ONNXNetworkError) {
        guard x.layout == y.layout else {
            throw operation.unsupported("it combines a \(x.layout) with a \(y.layout)")
        }
        if let xs = x.shape, let ys = y.shape, xs != ys {
            throw operation.unsupported("inputs of shapes \(xs) and \(ys) would broadcast")
        }
    }

    /// Batch normalisation with frozen statistics:
    /// `y = γ · (x − μ) / √(σ² + ε) + β` per channel, an affine layer `s = γ / √(σ² + ε)`,
    /// `t = β − μ · s`, folded into the convolution (or dense layer) before it when nothing
    /// else reads that. The input is an NCHW image, or an `[N, C]` matrix whose values are the
    /// engine's channels (a dense layer's output, as in the last layer of face embedders).
    mutating func batchNormalization(_ operation: Operation) throws(ONNXNetworkError) {
        let name = try operation.input(0)
        let x = try computed(name, for: operation.label, op: operation.op)
        let pointwise = x.shape.map { $0.height * $0.width == 1 } ?? false
        if !(x.layout.form == .matrix && pointwise) {
            try requireImage(x, .channelsFirst, operation)
        }
        if opset < 9, let spatial = try operation.int("spatial"), spatial != 1 {
            throw operation.unsupported("spatial \(spatial)")
        }
        if let training = try operation.int("training_mode"), training != 0 {
            throw operation.unsupported("training_mode \(training)")
        }
        var parameters: [[Float]] = []
        for index in 1...4 {
            let tensor = try constant(operation.input(index), for: operation.label, op: operation.op)
            guard let values = tensor.floats, values.count == x.channels else {
                throw operation.malformed("parameter \(tensor.name) \(tensor.dims) does not hold one float per channel of \(x.channels)")
            }
            parameters.append(values)
        }
        let epsilon = Double(try operation.float("epsilon") ?? 1e-5)
        let (gamma, beta, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3])
        let scale = (0..<x.channels).map { Float(Double(gamma[$0]) / (Double(variance[$0]) + epsilon).squareRoot()) }
        let shift = (0..<x.channels).map { beta[$0] - mean[$0] * scale[$0] }
        define(try operation.output(), .computed(try appendAffine(scale: scale, shift: shift, to: x, named: name, node: operation.label)))
    }
}
