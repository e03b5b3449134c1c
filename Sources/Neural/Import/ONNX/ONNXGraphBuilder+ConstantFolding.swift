/// Shape computations done once at load time.
///
/// Exporters such as PyTorch's compute `Reshape` targets in the graph:
/// `Shape → Gather → Unsqueeze → Concat` with constants. The engine knows every shape when the
/// input size is fixed, so these operators are evaluated while loading and their results
/// become constants, which the `Reshape` then reads like any other target shape.
extension ONNXGraphBuilder {
    /// The ONNX shape of a value, as an INT64 vector. For a computed value this needs the input
    /// size and the batch size fixed by the file.
    mutating func shape(_ operation: Operation) throws(ONNXNetworkError) {
        let dims: [Int]
        switch try value(operation.input(0), for: operation.label, op: operation.op) {
        case .constant(let tensor):
            dims = tensor.dims
        case .computed(let x):
            guard case .fixed(let batch)? = inputBinding.declaredShape?.first, let shape = x.shape, !x.isPadded else {
                throw operation.unsupported("the shape of a computed value is known at load time only when the file fixes the input size and batch")
            }
            dims = x.layout.dimensions(batch: batch, sample: shape)
        }
        let start = try operation.int("start"), end = try operation.int("end")
        if start != nil || end != nil { throw operation.unsupported("start and end attributes") }
        let output = try operation.output()
        define(output, .constant(ONNXTensor(folded: output, dims: [dims.count], values: .int64(dims.map(Int64.init)))))
    }

    /// `Gather` of constants: the entries of `data` at `indices` along `axis`.
    mutating func gather(_ operation: Operation) throws(ONNXNetworkError) {
        let data = try constant(operation.input(0), for: operation.label, op: operation.op)
        let indexTensor = try constant(operation.input(1), for: operation.label, op: operation.op)
        guard let indices = indexTensor.integers else { throw operation.malformed("indices are not integers") }
        let declared = try operation.int("axis") ?? 0
        let axis = declared < 0 ? declared + data.dims.count : declared
        guard data.dims.indices.contains(axis) else { throw operation.malformed("axis \(declared) of a \(data.dims) tensor") }
        let size = data.dims[axis]
        let inner = data.dims[(axis + 1)...].reduce(1, *), outer = data.dims[..<axis].reduce(1, *)
        var picked: [Int] = []  // element positions in `data`, in output order
        for o in 0..<outer {
            for index in indices {
                let i = index < 0 ? index + size : index
                guard (0..<size).contains(i) else { throw operation.malformed("index \(index) outside an axis of \(size)") }
                picked += ((o * size + i) * inner ..< (o * size + i + 1) * inner)
            }
        }
        let dims = Array(data.dims[..<axis]) + indexTensor.dims + Array(data.dims[(axis + 1)...])
        let output = try operation.output()
        define(output, .constant(ONNXTensor(folded: output, dims: dims, values: data.values.picking(picked))))
    }

    /// `Unsqueeze` of a constant: the same values with axes of size 1 inserted.
    mutating func unsqueeze(_ operation: Operation) throws(ONNXNetworkError) {
        let data = try constant(operation.input(0), for: operation.label, op: operation.op)
        let given: [Int]?
        if opset >= 13 {
            given = try operation.optionalInput(1).map { name throws(ONNXNetworkError) in
                try constant(name, for: operation.label, op: operation.op).integers ?? []
            }
        } else {
            given = try operation.ints("axes")
        }
        guard let given, !given.isEmpty else { throw operation.malformed("axes are missing") }
        let rank = data.dims.count + given.count
        let axes = Set(given.map { $0 < 0 ? $0 + rank : $0 })
        guard axes.count == given.count, axes.allSatisfy({ (0..<rank).contains($0) }) else {
            throw operation.malformed("axes \(given) for an output of rank \(rank)")
        }
        var remaining = data.dims[...]
        let dims = (0..<rank).map { axes.contains($0) ? 1 : remaining.removeFirst() }
        let output = try operation.output()
        define(output, .constant(ONNXTensor(folded: output, dims: dims, values: data.values)))
    }

    /// `Concat` of constants along `axis`.
    func concatenatedConstants(_ tensors: [ONNXTensor], axis declared: Int, _ operation: Operation) throws(ONNXNetworkError) -> ONNXTensor {
        let first = tensors[0]
        let axis = declared < 0 ? declared + first.dims.count : declared
        guard first.dims.indices.contains(axis), tensors.allSatisfy({ tensor in
            tensor.dims.count == first.dims.count && tensor.dims.indices.allSatisfy { $0 == axis || tensor.dims[$0] == first.dims[$0] }
        }) else {
            throw operation.malformed("constants of shapes \(tensors.map(\.dims)) do not join along axis \(declared)")
        }
        let outer = first.dims[..<axis].reduce(1, *)
        var values = ONNXTensor.Values.empty(like: first.values)
        for o in 0..<outer {
            for tensor in tensors {
                let run = tensor.dims[axis...].reduce(1, *)
                guard let joined = values.appending(tensor.values.picking(Array(o * run ..< (o + 1) * run))) else {
                    throw operation.unsupported("constants of different element types")
                }
                values = joined
            }
        }
        var dims = first.dims
        dims[axis] = tensors.reduce(0) { $0 + $1.dims[axis] }
        return ONNXTensor(folded: try operation.output(), dims: dims, values: values)
    }
}

extension ONNXTensor {
    /// A tensor the importer computed from constants (a folded shape computation).
    init(folded name: String, dims: [Int], values: Values) {
        self.init(name: name, dims: dims, dataType: values.dataType, values: values, elementCount: values.count)
    }
}

extension ONNXTensor.Values {
    var dataType: ONNXDataType {
        switch self {
        case .float: .float
        case .int64: .int64
        case .int32: .int32
        case .uint8: .uint8
        case .int8: .int8
        }
    }

    /// The elements at `positions`, in that order.
    func picking(_ positions: [Int]) -> Self {
        switch self {
        case .float(let values): .float(positions.map { values[$0] })
        case .int64(let values): .int64(positions.map { values[$0] })
        case .int32(let values): .int32(positions.map { values[$0] })
        case .uint8(let values): .uint8(positions.map { values[$0] })
        case .int8(let values): .int8(positions.map { values[$0] })
        }
    }

    static func empty(like values: Self) -> Self { values.picking([]) }

    /// These elements followed by `other`'s, when both have the same element type.
    func appending(_ other: Self) -> Self? {
        switch (self, other) {
        case let (.float(a), .float(b)): .float(a + b)
        case let (.int64(a), .int64(b)): .int64(a + b)
        case let (.int32(a), .int32(b)): .int32(a + b)
        case let (.uint8(a), .uint8(b)): .uint8(a + b)
        case let (.int8(a), .int8(b)): .int8(a + b)
        default: nil
        }
    }
}
