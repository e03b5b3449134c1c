/// An ONNX computation graph: nodes in topological order, the constants they read, and what
/// the graph declares about its inputs, outputs and intermediate values.
public struct ONNXGraph: Sendable, Equatable {
    public let name: String
    public let nodes: [ONNXNode]
    /// Constant tensors (weights, biases, shapes), referred to by name from node inputs.
    public let initializers: [ONNXTensor]
    /// Declared graph inputs. Older exporters list every initializer here too, and quantizers
    /// may leave the float weights they replaced declared with nothing reading them; see
    /// `dataInputs`.
    public let inputs: [ONNXValueInfo]
    public let outputs: [ONNXValueInfo]
    /// Types and shapes of intermediate values, where the exporter recorded them.
    public let valueInfo: [ONNXValueInfo]

    /// The inputs a caller must feed: declared inputs that no initializer provides and that a
    /// node or a graph output reads.
    public var dataInputs: [ONNXValueInfo] {
        let constants = Set(initializers.map(\.name))
        let read = Set(nodes.flatMap(\.inputs) + outputs.map(\.name))
        return inputs.filter { !constants.contains($0.name) && read.contains($0.name) }
    }

    /// How many nodes use each operator, keyed by op_type (prefixed with `domain:` outside the
    /// standard set). Sub-graphs held in attributes are not counted.
    public var operatorCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for node in nodes {
            let standard = node.domain.isEmpty || node.domain == "ai.onnx"
            counts[standard ? node.opType : "\(node.domain):\(node.opType)", default: 0] += 1
        }
        return counts
    }
}

extension ONNXGraph {
    /// Field numbers of `GraphProto`.
    private enum Field: Int {
        case node = 1, name = 2, initializer = 5, docString = 10, input = 11, output = 12
        case valueInfo = 13, quantizationAnnotation = 14, sparseInitializer = 15
    }

    init(reading reader: inout ONNXWireReader) throws {
        var name = ""
        var nodes: [ONNXNode] = []
        var initializers: [ONNXTensor] = []
        var inputs: [ONNXValueInfo] = []
        var outputs: [ONNXValueInfo] = []
        var valueInfo: [ONNXValueInfo] = []
        while let tag = try reader.nextTag(naming: Field.self) {
            switch Field(rawValue: tag.number) {
            case .node:
                try reader.expect(tag, .lengthDelimited)
                nodes.append(try reader.readMessage("NodeProto") { try ONNXNode(reading: &$0) })
            case .name:
                try reader.expect(tag, .lengthDelimited)
                name = try reader.readString()
            case .initializer:
                try reader.expect(tag, .lengthDelimited)
                initializers.append(try reader.readMessage("TensorProto") { try ONNXTensor(reading: &$0) })
            case .input:
                try reader.expect(tag, .lengthDelimited)
                inputs.append(try reader.readMessage("ValueInfoProto") { try ONNXValueInfo(reading: &$0) })
            case .output:
                try reader.expect(tag, .lengthDelimited)
                outputs.append(try reader.readMessage("ValueInfoProto") { try ONNXValueInfo(reading: &$0) })
            case .valueInfo:
                try reader.expect(tag, .lengthDelimited)
                valueInfo.append(try reader.readMessage("ValueInfoProto") { try ONNXValueInfo(reading: &$0) })
            case .sparseInitializer:
                throw reader.error("sparse initializers are not supported; convert them to dense initializers")
            case .docString, .quantizationAnnotation, nil:
                try reader.skip(tag)
            }
        }
        self.name = name
        self.nodes = nodes
        self.initializers = initializers
        self.inputs = inputs
        self.outputs = outputs
        self.valueInfo = valueInfo
    }
}
