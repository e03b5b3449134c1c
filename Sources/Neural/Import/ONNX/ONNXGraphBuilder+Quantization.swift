/// Weights stored quantized, expanded to floats at load time.
///
/// Weight-only quantizers (onnxruntime's and OpenCV Zoo's "int8bq" files) store each weight
/// matrix as 8-bit integers with a scale (and zero point) per tensor, per row or per block of
/// consecutive values, and put a `DequantizeLinear` in front of the layer that reads it, often
/// followed by a `Reshape` back to the filter shape. Both read constants only, so both are
/// evaluated here and the layer receives ordinary float weights: the network computes exactly
/// what the dequantized file describes, at float32 speed and memory.
extension ONNXGraphBuilder {
    /// `DequantizeLinear` of a constant: `y = (x − zero_point) · scale`.
    ///
    /// The scale (and zero point, 0 when absent) is one of three shapes (ONNX opset 21):
    /// a scalar for the whole tensor; a vector with one value per index along `axis`; or, with
    /// `block_size` b, a tensor of `x`'s rank whose `axis` dimension is ⌈n / b⌉, one value per
    /// b consecutive indices along `axis`.
    mutating func dequantize(_ operation: Operation) throws(ONNXNetworkError) {
        guard case .constant(let x) = try value(operation.input(0), for: operation.label, op: operation.op) else {
            throw operation.unsupported("its input is computed at run time (only quantized constants are supported)")
        }
        let scaleTensor = try constant(operation.input(1), for: operation.label, op: operation.op)
        guard let scales = scaleTensor.floats else { throw operation.unsupported("scale \(scaleTensor.name) is not float") }
        guard let quantized = x.integers else { throw operation.malformed("input \(x.name) is not an integer tensor") }
        var zeros = [Int](repeating: 0, count: scales.count)
        if let name = operation.optionalInput(2) {
            let zeroTensor = try constant(name, for: operation.label, op: operation.op)
            guard let values = zeroTensor.integers, zeroTensor.dims == scaleTensor.dims else {
                throw operation.malformed("zero point \(zeroTensor.name) \(zeroTensor.dims) does not match scale \(scaleTensor.dims)")
            }
            zeros = values
        }
        if let type = try operation.int("output_dtype"), type != Int(ONNXDataType.float.rawValue) {
            throw operation.unsupported("output_dtype \(type) (only FLOAT)")
        }

        let declared = try operation.int("axis") ?? 1
        let block = try operation.int("block_size") ?? 0
        let index: (Int) -> Int
        if scales.count == 1 && scaleTensor.dims.allSatisfy({ $0 == 1 }) && block == 0 {
            index = { _ in 0 }
        } else {
            let axis = declared < 0 ? declared + x.dims.count : declared
            guard x.dims.indices.contains(axis) else { throw operation.malformed("axis \(declared) of a \(x.dims) tensor") }
            let size = x.dims[axis], inner = x.dims[(axis + 1)...].reduce(1, *)
            if block > 0 {
                var expected = x.dims
                expected[axis] = (size + block - 1) / block
                guard scaleTensor.dims == expected else {
                    throw operation.malformed("scale \(scaleTensor.dims) for blocks of \(block) along axis \(axis) of \(x.dims) (expected \(expected))")
                }
                let blocks = expected[axis]
                index = { e in
                    let (outer, rest) = e.quotientAndRemainder(dividingBy: size * inner)
                    let (along, within) = rest.quotientAndRemainder(dividingBy: inner)
                    return (outer * blocks + along / block) * inner + within
                }
            } else {
                guard scaleTensor.dims == [size] else {
                    throw operation.malformed("scale \(scaleTensor.dims) is neither a scalar nor one value per index of axis \(axis) of \(x.dims)")
                }
                index = { e in e / inner % size }
            }
        }
        let values = quantized.indices.map { e in
            let k = index(e)
            return Float(quantized[e] - zeros[k]) * scales[k]
        }
        let output = try operation.output()
        define(output, .constant(ONNXTensor(folded: output, dims: x.dims, values: .float(values))))
    }

    /// `Reshape` of a constant (a dequantized weight matrix back to its filter shape): the
    /// same values under the target shape, where 0 copies the input's dimension (unless
    /// `allowzero`) and one −1 takes what is left.
    mutating func reshapeConstant(_ x: ONNXTensor, _ operation: Operation) throws(ONNXNetworkError) {
        guard let target = try constant(operation.input(1), for: operation.label, op: operation.op).integers else {
            throw operation.malformed("the target shape is not integers")
        }
        let allowZero = try operation.int("allowzero") ?? 0 != 0
        var dims = target.enumerated().map { axis, size in
            size == 0 && !allowZero && axis < x.dims.count ? x.dims[axis] : size
        }
        let known = dims.filter { $0 != -1 }.reduce(1, *)
        switch dims.filter({ $0 == -1 }).count {
        case 0:
            break
        case 1 where known > 0 && x.elementCount % known == 0:
            dims = dims.map { $0 == -1 ? x.elementCount / known : $0 }
        default:
            throw operation.malformed("target shape \(target) for a \(x.dims) constant")
        }
        guard dims.allSatisfy({ $0 >= 0 }), dims.reduce(1, *) == x.elementCount else {
            throw operation.malformed("target shape \(target) does not hold the \(x.elementCount) values of a \(x.dims) constant")
        }
        let output = try operation.output()
        define(output, .constant(ONNXTensor(folded: output, dims: dims, values: x.values)))
    }
}
