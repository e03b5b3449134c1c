/// `Concat` and `Slice`: joining values and taking parts of them, along the channel axis of an
/// image or either data axis of a rank-3 tensor (see ``ONNXLayout`` for how rank-3 tensors
/// lie over the engine's values).
extension ONNXGraphBuilder {
    mutating func concat(_ operation: Operation) throws(ONNXNetworkError) {
        guard let declared = try operation.int("axis") else { throw operation.malformed("axis is missing") }
        var constants: [ONNXTensor] = [], inputs: [Computed] = []
        for index in operation.node.inputs.indices {
            switch try value(operation.input(index), for: operation.label, op: operation.op) {
            case .constant(let tensor): constants.append(tensor)
            case .computed: inputs.append(try computed(operation.input(index), for: operation.label, op: operation.op))
            }
        }
        if inputs.isEmpty, !constants.isEmpty {
            define(try operation.output(), .constant(try concatenatedConstants(constants, axis: declared, operation)))
            return
        }
        guard constants.isEmpty, let first = inputs.first else {
            throw operation.unsupported("it joins constants with computed values")
        }
        let axis = declared < 0 ? declared + first.layout.rank : declared
        let joined: Computed
        switch (first.layout.form, first.layout.order, axis) {
        case (.image, .channelsFirst, 1), (.image, .channelsLast, 3):
            guard inputs.allSatisfy({ $0.layout == first.layout }) else {
                throw operation.unsupported("it joins values of layouts \(inputs.map(\.layout))")
            }
            joined = try append(ConcatenationLayer(.channels), reading: inputs, node: operation.label, layout: first.layout)
        case (.rows(let length), _, 1):
            guard inputs.allSatisfy({ $0.layout.form == .rows(length) }) else {
                throw operation.unsupported("it joins rows of different lengths (layouts \(inputs.map(\.layout)))")
            }
            var rows: [Computed] = []
            for x in inputs { rows.append(try rowsAsChannels(x, length: length, node: operation.label)) }
            joined = try append(ConcatenationLayer(.positions), reading: rows, node: operation.label, layout: rows[0].layout)
        case (.rows, _, 2):
            var columns: [Computed] = []
            for x in inputs {
                guard case .rows(let length) = x.layout.form else {
                    throw operation.unsupported("it joins values of layouts \(inputs.map(\.layout))")
                }
                columns.append(try rowsAsChannels(x, length: length, node: operation.label))
            }
            let length = columns.reduce(0) { $0 + $1.channels }
            joined = try append(ConcatenationLayer(.channels), reading: columns, node: operation.label,
                                layout: ONNXLayout(order: .channelsLast, form: .rows(length)))
        default:
            throw operation.unsupported("axis \(declared) of a \(first.layout)")
        }
        define(try operation.output(), .computed(joined))
    }

    /// `Slice` of one contiguous range, step 1, along the channel axis of an image or the last
    /// axis of a rank-3 tensor. Axes sliced over their whole length are ignored.
    mutating func slice(_ operation: Operation) throws(ONNXNetworkError) {
        var x = try computed(operation.input(0), for: operation.label, op: operation.op)
        let starts: [Int], ends: [Int], declaredAxes: [Int]?
        if opset < 10 {
            guard let s = try operation.ints("starts"), let e = try operation.ints("ends") else {
                throw operation.malformed("starts or ends is missing")
            }
            (starts, ends, declaredAxes) = (s, e, try operation.ints("axes"))
        } else {
            func integers(_ index: Int) throws(ONNXNetworkError) -> [Int]? {
                guard let name = operation.optionalInput(index) else { return nil }
                guard let values = try constant(name, for: operation.label, op: operation.op).integers else {
                    throw operation.malformed("input \(index) is not integers")
                }
                return values
            }
            guard let s = try integers(1), let e = try integers(2) else { throw operation.malformed("starts or ends is missing") }
            (starts, ends, declaredAxes) = (s, e, try integers(3))
            if let steps = try integers(4), steps.contains(where: { $0 != 1 }) {
                throw operation.unsupported("steps \(steps)")
            }
        }
        let rank = x.layout.rank
        let axes = (declaredAxes ?? Array(0..<starts.count)).map { $0 < 0 ? $0 + rank : $0 }
        guard starts.count == ends.count, axes.count == starts.count, axes.allSatisfy({ (0..<rank).contains($0) }) else {
            throw operation.malformed("starts \(starts), ends \(ends) and axes \(declaredAxes ?? []) do not match a rank-\(rank) tensor")
        }
        guard let shape = x.shape else {
            throw operation.unsupported("the input size is not fixed, so the slice bounds cannot be checked at load time")
        }
        let dims = x.layout.dimensions(batch: 1, sample: shape)
        var channelAxis: Int?
        switch (x.layout.form, x.layout.order) {
        case (.image, .channelsFirst): channelAxis = 1
        case (.image, .channelsLast): channelAxis = 3
        case (.rows, _): channelAxis = 2
        case (.matrix, _): channelAxis = nil
        }
        var range: Range<Int>?
        for (axis, (start, end)) in zip(axes, zip(starts, ends)) {
            // Negative bounds count from the end; bounds past either end are clamped.
            let size = dims[axis]
            let lower = min(max(start < 0 ? start + size : start, 0), size)
            let upper = min(max(end < 0 ? end + size : end, 0), size)
            if lower == 0 && upper == size { continue }
            guard axis == channelAxis, lower < upper, range == nil else {
                throw operation.unsupported("a slice \(start)..<\(end) of axis \(axis) of a \(x.layout) \(dims)")
            }
            range = lower..<upper
        }
        guard let range else {
            x.ownsNode = false
            define(try operation.output(), .computed(x))
            return
        }
        if case .rows(let length) = x.layout.form {
            x = try rowsAsChannels(x, length: length, node: operation.label)
        }
        let layout = x.layout.form == .image ? x.layout : ONNXLayout(order: .channelsLast, form: .rows(range.count))
        define(try operation.output(), .computed(try append(ChannelSelectionLayer(range), reading: [x], node: operation.label, layout: layout)))
    }

    /// A rank-3 value whose columns are engine channels: `x` itself when it already is one,
    /// else `x` regrouped by a new layer (see ``ONNXLayout``).
    mutating func rowsAsChannels(_ x: Computed, length: Int, node: String) throws(ONNXNetworkError) -> Computed {
        if x.layout.hasColumnsAsChannels(x.channels) { return x }
        return try append(RowRegroupingLayer(length: length, positionMajor: x.layout.order == .channelsLast), reading: [x],
                          node: "\(node) (rows of \(length))", layout: ONNXLayout(order: .channelsLast, form: .rows(length)))
    }
}
