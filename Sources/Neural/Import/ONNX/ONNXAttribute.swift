/// A named constant that configures a node, e.g. a convolution's `kernel_shape` or `pads`.
public struct ONNXAttribute: Sendable, Equatable {
    /// The attribute's value, tagged by the type the file declares (`AttributeProto.type`).
    public enum Value: Sendable, Equatable {
        case float(Float)
        case int(Int)
        case string(String)
        case tensor(ONNXTensor)
        /// A sub-graph, as the bodies of `If`, `Loop` and `Scan` are stored.
        case graph(ONNXGraph)
        case floats([Float])
        case ints([Int])
        case strings([String])
        case tensors([ONNXTensor])
        case graphs([ONNXGraph])
    }

    public let name: String
    public let value: Value
}

extension ONNXAttribute {
    /// Field numbers of `AttributeProto`.
    private enum Field: Int {
        case name = 1, f = 2, i = 3, s = 4, t = 5, g = 6, floats = 7, ints = 8, strings = 9
        case tensors = 10, graphs = 11, docString = 13, typeProto = 14, typeProtos = 15
        case type = 20, refAttrName = 21, sparseTensor = 22, sparseTensors = 23
    }

    /// `AttributeProto.AttributeType`: which of the value fields is meant. proto2 leaves absent
    /// fields at their defaults, so the declared type, not the presence of a field, decides.
    private enum Kind: Int32 {
        case float = 1, int = 2, string = 3, tensor = 4, graph = 5
        case floats = 6, ints = 7, strings = 8, tensors = 9, graphs = 10
        case sparseTensor = 11, sparseTensors = 12, typeProto = 13, typeProtos = 14
    }

    init(reading reader: inout ONNXWireReader) throws {
        let start = reader.offset
        var name = ""
        var kindNumber: Int32 = 0
        var f: Float = 0
        var i: Int64 = 0
        var s = ""
        var t: ONNXTensor?
        var g: ONNXGraph?
        var floats: [Float] = []
        var ints: [Int64] = []
        var strings: [String] = []
        var tensors: [ONNXTensor] = []
        var graphs: [ONNXGraph] = []

        while let tag = try reader.nextTag(naming: Field.self) {
            switch Field(rawValue: tag.number) {
            case .name:
                try reader.expect(tag, .lengthDelimited)
                name = try reader.readString()
            case .type:
                try reader.expect(tag, .varint)
                kindNumber = try reader.readInt32()
            case .f:
                try reader.expect(tag, .fixed32)
                f = try reader.readFloat()
            case .i:
                try reader.expect(tag, .varint)
                i = try reader.readInt64()
            case .s:
                try reader.expect(tag, .lengthDelimited)
                s = try reader.readString()
            case .t:
                try reader.expect(tag, .lengthDelimited)
                t = try reader.readMessage("TensorProto") { try ONNXTensor(reading: &$0) }
            case .g:
                try reader.expect(tag, .lengthDelimited)
                g = try reader.readMessage("GraphProto") { try ONNXGraph(reading: &$0) }
            case .floats:
                try reader.appendFloats(tag, to: &floats)
            case .ints:
                try reader.appendVarints(tag, to: &ints)
            case .strings:
                try reader.expect(tag, .lengthDelimited)
                strings.append(try reader.readString())
            case .tensors:
                try reader.expect(tag, .lengthDelimited)
                tensors.append(try reader.readMessage("TensorProto") { try ONNXTensor(reading: &$0) })
            case .graphs:
                try reader.expect(tag, .lengthDelimited)
                graphs.append(try reader.readMessage("GraphProto") { try ONNXGraph(reading: &$0) })
            case .docString, .refAttrName, .typeProto, .typeProtos, .sparseTensor, .sparseTensors, nil:
                // Only the declared type's field matters; the unsupported kinds are rejected below.
                try reader.skip(tag)
            }
        }

        let label = "attribute '\(name)'"
        let value: Value
        switch Kind(rawValue: kindNumber) {
        case .float: value = .float(f)
        case .int: value = .int(Int(i))
        case .string: value = .string(s)
        case .tensor:
            guard let t else { throw reader.error("\(label) is declared a tensor but holds none", at: start) }
            value = .tensor(t)
        case .graph:
            guard let g else { throw reader.error("\(label) is declared a graph but holds none", at: start) }
            value = .graph(g)
        case .floats: value = .floats(floats)
        case .ints: value = .ints(ints.map { Int($0) })
        case .strings: value = .strings(strings)
        case .tensors: value = .tensors(tensors)
        case .graphs: value = .graphs(graphs)
        case .sparseTensor, .sparseTensors, .typeProto, .typeProtos:
            throw reader.error("\(label) holds sparse tensors or types, which this reader does not support", at: start)
        case nil:
            throw reader.error("\(label) declares type \(kindNumber); files from before ONNX IR version 2 (which left the type out) are not supported", at: start)
        }
        self.name = name
        self.value = value
    }
}
