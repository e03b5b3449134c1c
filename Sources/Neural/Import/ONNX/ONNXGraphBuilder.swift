/// Translates an ONNX graph into a ``Graph``, node by node, in the file's (topological) order.
///
/// ONNX values become one of two things. Constants (initializers, `Constant` nodes, and shape
/// computations evaluated at load time: `Shape`, `Gather`, `Unsqueeze`, `Concat` of constants)
/// stay as tensors and are folded into the layers that read them: weights, biases, slopes,
/// scales, reshape targets.
/// Everything computed from the graph input becomes an engine value, a ``Graph/Source`` plus
/// an ``ONNXLayout`` saying how the ONNX tensor lies over it; transposes, flattens and reshapes
/// that only rename elements change the layout and add no layer. Shapes are inferred as nodes
/// are added whenever the input size is fixed, so a layer that does not fit fails at load time
/// with the node's name.
struct ONNXGraphBuilder {
    /// An ONNX value computed by the engine.
    struct Computed {
        var source: Graph.Source
        var layout: ONNXLayout
        /// Known even when the spatial size is not.
        var channels: Int
        /// The engine value's shape, when the graph input's size is fixed (or the layers since
        /// fixed it, as a dense layer does).
        var shape: FeatureShape?
        /// Zeros a `Pad` added at the end of the channel, row and column axes. Only an `Add`
        /// reads such a value: the engine's addition zero-extends the smaller input itself.
        var padding = FeatureShape(channels: 0, height: 0, width: 0)
        /// Whether this ONNX value is the direct output of the engine node behind it (not a
        /// view of it), so that a following scale or shift may be folded into that node.
        var ownsNode: Bool

        var isPadded: Bool { padding != FeatureShape(channels: 0, height: 0, width: 0) }
    }

    enum Value {
        case constant(ONNXTensor)
        case computed(Computed)
    }

    let file: String
    let opset: Int
    private(set) var nodes: [Graph.Node] = []
    private(set) var values: [String: Value] = [:]
    /// How many node inputs and graph outputs read each value.
    private let readers: [String: Int]
    let input: GraphInput
    let inputBinding: ONNXBinding

    init(model: ONNXModel, file: String) throws(ONNXNetworkError) {
        self.file = file
        opset = model.operatorSetVersion() ?? 1
        let graph = model.graph
        var readers: [String: Int] = [:]
        for name in graph.nodes.flatMap(\.inputs) + graph.outputs.map(\.name) { readers[name, default: 0] += 1 }
        self.readers = readers
        for tensor in graph.initializers { values[tensor.name] = .constant(tensor) }

        let dataInputs = graph.dataInputs
        guard dataInputs.count == 1, let declared = dataInputs.first else {
            throw .unsupportedUse(file: file, operator: "graph", node: "inputs",
                                  reason: "the model takes \(dataInputs.count) inputs; the engine runs models with exactly one")
        }
        guard declared.elementType == .float, let shape = declared.shape, shape.count == 4 else {
            throw .unsupportedUse(file: file, operator: "graph", node: "input \(declared.name)",
                                  reason: "the input is not a rank-4 FLOAT tensor (it is \(declared.elementType.map(String.init(describing:)) ?? "untyped") \(declared.shape ?? []))")
        }
        // A channels-last input is recognised by what reads it: nothing but transposes to NCHW.
        let consumers = graph.nodes.filter { $0.inputs.contains(declared.name) }
        let channelsLast = !consumers.isEmpty && consumers.allSatisfy {
            $0.opType == "Transpose" && $0.attribute("perm") == .ints([0, 3, 1, 2])
        }
        let (c, h, w) = channelsLast ? (shape[3], shape[1], shape[2]) : (shape[1], shape[2], shape[3])
        func size(_ dimension: ONNXDimension) -> Int? {
            if case .fixed(let size) = dimension, size >= 1 { return size }
            return nil
        }
        guard let channels = size(c) else {
            throw .unsupportedUse(file: file, operator: "graph", node: "input \(declared.name)",
                                  reason: "the input's channel count \(c) is not fixed")
        }
        input = GraphInput(channels: channels, height: size(h), width: size(w))
        let layout = ONNXLayout(order: channelsLast ? .channelsLast : .channelsFirst, form: .image)
        inputBinding = ONNXBinding(name: declared.name, declaredShape: shape, layout: layout)
        values[declared.name] = .computed(Computed(source: .input, layout: layout, channels: channels,
                                                   shape: input.fixedShape, ownsNode: false))
    }

    /// Translates every node and returns the graph with the bindings of its outputs and the
    /// engine value behind every computed ONNX value.
    static func build(_ model: ONNXModel, file: String) throws(ONNXNetworkError)
        -> (graph: Graph, input: ONNXBinding, outputs: [ONNXBinding], values: [String: Computed]) {
        var builder = try ONNXGraphBuilder(model: model, file: file)
        for node in model.graph.nodes {
            try builder.translate(node)
        }
        var sources: [Graph.Source] = []
        var outputs: [ONNXBinding] = []
        for output in model.graph.outputs {
            let value = try builder.computed(output.name, for: "graph output \(output.name)", op: "graph")
            sources.append(value.source)
            outputs.append(ONNXBinding(name: output.name, declaredShape: output.shape, layout: value.layout))
        }
        let graph: Graph
        do {
            graph = try Graph(input: builder.input, nodes: builder.nodes, outputs: sources)
        } catch {
            throw .malformed(file: file, node: "graph", reason: error.description)
        }
        var computed: [String: Computed] = [:]
        for (name, value) in builder.values {
            if case .computed(let value) = value { computed[name] = value }
        }
        return (graph, builder.inputBinding, outputs, computed)
    }

    // MARK: - Values

    /// A node's name for messages; unnamed nodes (common in PyTorch exports) by their first output.
    static func label(_ node: ONNXNode) -> String {
        node.name.isEmpty ? "(unnamed, output '\(node.outputs.first ?? "")')" : "'\(node.name)'"
    }

    func value(_ name: String, for node: String, op: String) throws(ONNXNetworkError) -> Value {
        guard let value = values[name] else {
            throw .malformed(file: file, node: node, reason: "input '\(name)' is produced by no earlier node, initializer or graph input")
        }
        return value
    }

    /// An engine value that no `Pad` is pending on.
    func computed(_ name: String, for node: String, op: String) throws(ONNXNetworkError) -> Computed {
        switch try value(name, for: node, op: op) {
        case .computed(let value):
            guard !value.isPadded else {
                throw .unsupportedUse(file: file, operator: op, node: node,
                                      reason: "input '\(name)' comes from a Pad; a Pad may only feed an Add")
            }
            return value
        case .constant:
            throw .unsupportedUse(file: file, operator: op, node: node,
                                  reason: "input '\(name)' is a constant; the engine runs operators on computed values only")
        }
    }

    func constant(_ name: String, for node: String, op: String) throws(ONNXNetworkError) -> ONNXTensor {
        guard case .constant(let tensor) = try value(name, for: node, op: op) else {
            throw .unsupportedUse(file: file, operator: op, node: node,
                                  reason: "input '\(name)' is computed at run time; the engine needs it as a constant")
        }
        return tensor
    }

    func readerCount(_ name: String) -> Int { readers[name] ?? 0 }

    mutating func define(_ name: String, _ value: Value) {
        values[name] = value
    }

    // MARK: - Nodes

    /// Adds a layer reading `inputs` and returns its output, with the shape inferred when known.
    mutating func append(_ layer: any Layer, reading inputs: [Computed], node: String,
                         layout: ONNXLayout) throws(ONNXNetworkError) -> Computed {
        var shape: FeatureShape?
        let known = inputs.compactMap(\.shape)
        if known.count == inputs.count {
            do {
                shape = try layer.outputShape(for: known, node: node)
            } catch {
                throw .malformed(file: file, node: node, reason: error.description)
            }
        }
        nodes.append(Graph.Node(name: node, layer: layer, inputs: inputs.map(\.source)))
        return Computed(source: .node(nodes.count - 1), layout: layout,
                        channels: layer.outputChannels(for: inputs.map(\.channels)), shape: shape, ownsNode: true)
    }

    /// `x · scale + shift` (either may be nil: 1 and 0), with one value per channel or, when
    /// `x`'s size is fixed, one per element in the engine's order (see ``broadcast(_:over:_:)``).
    ///
    /// Folded at load time into the node that produced `x` when nothing else reads it: into an
    /// affine layer (per element if either side is), or, per channel, into the filters and bias
    /// of a convolution without activation, a depthwise convolution or a dense layer
    /// (``AffineLayer/folded(intoRows:bias:)``).
    mutating func appendAffine(scale: [Float]?, shift: [Float]?, to x: Computed, named input: String,
                               node: String) throws(ONNXNetworkError) -> Computed {
        let count = scale?.count ?? shift?.count ?? x.channels
        let affine = AffineLayer(scale: scale ?? [Float](repeating: 1, count: count),
                                 shift: shift ?? [Float](repeating: 0, count: count))
        if x.ownsNode, readerCount(input) == 1, case .node(let index) = x.source,
           let merged = folding(affine, into: nodes[index].layer, producing: x) {
            nodes[index].layer = merged
            nodes[index].name += " + \(node)"
            return x
        }
        return try append(affine, reading: [x], node: node, layout: x.layout)
    }

    /// `layer`, whose output is `x`, followed by `affine` as one layer, when the two fold.
    private func folding(_ affine: AffineLayer, into layer: any Layer, producing x: Computed) -> (any Layer)? {
        let perChannel = affine.scale.count == x.channels
        switch layer {
        case var previous as AffineLayer:
            // Per channel and per element combine per element (the shape is then known).
            let area = x.shape.map { $0.height * $0.width } ?? 1
            let combined = max(affine.scale.count, previous.scale.count)
            guard perChannel && previous.scale.count == x.channels || combined == x.shape?.count else { return nil }
            func expanded(_ values: [Float]) -> [Float] {
                values.count == combined ? values : (0..<combined).map { values[$0 / area] }
            }
            previous.scale = expanded(previous.scale)
            previous.shift = expanded(previous.shift)
            let s = expanded(affine.scale), t = expanded(affine.shift)
            for i in 0..<combined {
                previous.scale[i] *= s[i]
                previous.shift[i] = previous.shift[i] * s[i] + t[i]
            }
            return previous
        case var conv as ConvolutionLayer where perChannel && conv.activation == .identity:
            (conv.weights, conv.bias) = affine.folded(intoRows: conv.weights, bias: conv.bias)
            return conv
        case var conv as DepthwiseConvolutionLayer where perChannel:
            (conv.weights, conv.bias) = affine.folded(intoRows: conv.weights, bias: conv.bias)
            return conv
        case var dense as FullyConnectedLayer where perChannel:
            (dense.weights, dense.bias) = affine.folded(intoRows: dense.weights, bias: dense.bias)
            return dense
        default:
            return nil
        }
    }
}
