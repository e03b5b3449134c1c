/// A network as a directed acyclic graph of layers, built at load time from a model file.
///
/// Nodes are stored in execution order: a node reads the graph input or earlier nodes only.
/// The graph is plain data (layers carry their weights); ``Network`` turns it into something
/// that runs. Shapes are checked when the graph is built and again for each input size.
public struct Graph: Sendable {
    /// Where a node's input comes from.
    public enum Source: Hashable, Sendable {
        /// The network input.
        case input
        /// The output of the node at this index.
        case node(Int)
    }

    public struct Node: Sendable {
        /// A name for messages: the layer's name in the model file.
        public var name: String
        public var layer: any Layer
        public var inputs: [Source]

        public init(name: String, layer: any Layer, inputs: [Source]) {
            self.name = name
            self.layer = layer
            self.inputs = inputs
        }
    }

    public let input: GraphInput
    public let nodes: [Node]
    public let outputs: [Source]

    /// Checks that every node reads existing earlier values with the right number of inputs,
    /// and, when the input size is fixed, that all layer shapes agree.
    public init(input: GraphInput, nodes: [Node], outputs: [Source]) throws(GraphError) {
        for (index, node) in nodes.enumerated() {
            guard node.inputs.count == node.layer.arity ?? max(node.inputs.count, 1) else {
                throw .wrongInputCount(node: node.name, layer: node.layer.kind,
                                       expected: node.layer.arity ?? 1, found: node.inputs.count)
            }
            for source in node.inputs {
                if case .node(let producer) = source, !(0..<index).contains(producer) {
                    throw .invalidReference(node: node.name, source: producer)
                }
            }
        }
        guard !outputs.isEmpty else { throw .noOutputs }
        for source in outputs {
            if case .node(let producer) = source, !nodes.indices.contains(producer) {
                throw .invalidReference(node: "graph output", source: producer)
            }
        }
        self.input = input
        self.nodes = nodes
        self.outputs = outputs
        if let shape = input.fixedShape {
            _ = try shapes(for: shape)
        }
    }

    /// A graph derived from one already checked, with the same shapes (used by layer fusion).
    init(checked input: GraphInput, nodes: [Node], outputs: [Source]) {
        self.input = input
        self.nodes = nodes
        self.outputs = outputs
    }

    /// The shape of a source given every node's output shape.
    func shape(of source: Source, input: FeatureShape, nodeShapes: [FeatureShape]) -> FeatureShape {
        switch source {
        case .input: input
        case .node(let index): nodeShapes[index]
        }
    }
}

/// What a graph takes: a fixed channel count, and either a fixed size or any size.
public struct GraphInput: Sendable, Equatable {
    public var channels: Int
    /// Rows, or nil when the graph accepts any height.
    public var height: Int?
    /// Columns, or nil when the graph accepts any width.
    public var width: Int?

    public init(channels: Int, height: Int?, width: Int?) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// The one input shape the graph accepts, when its size is fixed.
    public var fixedShape: FeatureShape? {
        guard let height, let width else { return nil }
        return FeatureShape(channels: channels, height: height, width: width)
    }

    /// Whether a sample of `shape` fits this input.
    public func accepts(_ shape: FeatureShape) -> Bool {
        shape.channels == channels && (height ?? shape.height) == shape.height && (width ?? shape.width) == shape.width
            && shape.height >= 1 && shape.width >= 1
    }
}
