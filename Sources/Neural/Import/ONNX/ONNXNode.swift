/// One operator application in an ONNX graph: `outputs = opType(inputs; attributes)`.
public struct ONNXNode: Sendable, Equatable {
    /// Optional in ONNX; may be empty.
    public let name: String
    /// The operator, e.g. `Conv`, looked up in `domain` at the model's opset version.
    public let opType: String
    /// The operator set; empty means the standard `ai.onnx` set.
    public let domain: String
    /// Names of the values consumed, in the operator's argument order. An empty name marks an
    /// optional input that was left out.
    public let inputs: [String]
    public let outputs: [String]
    public let attributes: [ONNXAttribute]

    /// The value of the attribute called `name`, if the node has one.
    public func attribute(_ name: String) -> ONNXAttribute.Value? {
        attributes.first { $0.name == name }?.value
    }
}

extension ONNXNode {
    /// Field numbers of `NodeProto`.
    private enum Field: Int {
        case input = 1, output = 2, name = 3, opType = 4, attribute = 5, docString = 6, domain = 7
    }

    init(reading reader: inout ONNXWireReader) throws {
        let start = reader.offset
        var name = ""
        var opType = ""
        var domain = ""
        var inputs: [String] = []
        var outputs: [String] = []
        var attributes: [ONNXAttribute] = []
        while let tag = try reader.nextTag(naming: Field.self) {
            switch Field(rawValue: tag.number) {
            case .input:
                try reader.expect(tag, .lengthDelimited)
                inputs.append(try reader.readString())
            case .output:
                try reader.expect(tag, .lengthDelimited)
                outputs.append(try reader.readString())
            case .name:
                try reader.expect(tag, .lengthDelimited)
                name = try reader.readString()
            case .opType:
                try reader.expect(tag, .lengthDelimited)
                opType = try reader.readString()
            case .domain:
                try reader.expect(tag, .lengthDelimited)
                domain = try reader.readString()
            case .attribute:
                try reader.expect(tag, .lengthDelimited)
                attributes.append(try reader.readMessage("AttributeProto") { try ONNXAttribute(reading: &$0) })
            case .docString, nil:
                try reader.skip(tag)
            }
        }
        guard !opType.isEmpty else {
            throw reader.error("node '\(name)' has no op_type", at: start)
        }
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }
}
