import Neural
import Testing

/// `ONNXModel` on small models written byte by byte with the field numbers of `onnx.proto`,
/// covering encodings the installed model files do not all use.
@Suite("ONNX model parsing")
struct ONNXModelParsingTests {
    typealias P = ONNXTestProto

    // Data types from onnx.proto's TensorProto.DataType.
    static let float: Int64 = 1, uint8: Int64 = 2, int32: Int64 = 6, int64: Int64 = 7
    static let float16: Int64 = 10, double: Int64 = 11

    /// A TensorProto (GraphProto field 5 when used as an initializer).
    static func tensor(_ field: Int, name: String, type: Int64, dims: [Int64], _ data: [UInt8]...) -> [UInt8] {
        P.message(field, P.string(8, name), P.int(2, type), P.packedInts(1, dims), data.flatMap { $0 })
    }

    /// An AttributeProto inside a node (NodeProto field 5).
    static func attribute(_ name: String, type: Int64, _ value: [UInt8]) -> [UInt8] {
        P.message(5, P.string(1, name), P.int(20, type), value)
    }

    /// A TensorShapeProto.Dimension.
    static func dim(value: Int64) -> [UInt8] { P.message(1, P.int(1, value)) }
    static func dim(param: String) -> [UInt8] { P.message(1, P.string(2, param)) }

    /// A ValueInfoProto with a tensor type (GraphProto field 11 input, 12 output, 13 value_info).
    static func valueInfo(_ field: Int, _ name: String, type: Int64, _ dims: [UInt8]...) -> [UInt8] {
        P.message(field, P.string(1, name),
                  P.message(2, P.message(1, P.int(1, type), P.message(2, dims.flatMap { $0 }))))
    }

    static func model(graph: [UInt8]...) -> [UInt8] {
        P.int(1, 8) + P.string(2, "by hand") + P.string(3, "0.1")
            + P.message(7, graph.flatMap { $0 })
            + P.message(8, P.string(1, ""), P.int(2, 13))
            + P.message(8, P.string(1, "com.example"), P.int(2, 1))
    }

    static let weights: [Float] = [1, -2, 3.5, -0.25, 1e-30, 6]

    static let complete = model(graph:
        P.string(2, "tiny"),
        // raw_data written before data_type and dims: field order must not matter.
        P.message(5, P.bytes(9, weights.flatMap { P.littleEndian($0.bitPattern) }), P.string(8, "W"),
                  P.int(2, float), P.unpackedInts(1, [2, 3])),
        tensor(5, name: "B", type: float, dims: [3], P.unpackedFloats(4, [0.5, 1.5, 2.5])),
        tensor(5, name: "packedB", type: float, dims: [3], P.packedFloats(4, [0.5, 1.5, 2.5])),
        tensor(5, name: "shape", type: int64, dims: [2], P.packedInts(7, [-1, 6])),
        tensor(5, name: "rawShape", type: int64, dims: [2],
               P.bytes(9, P.littleEndian(Int64(-1)) + P.littleEndian(Int64(6)))),
        tensor(5, name: "doubles", type: double, dims: [2], P.double(10, 0.25), P.double(10, -8)),
        tensor(5, name: "int32s", type: int32, dims: [2], P.packedInts(5, [-7, 70000])),
        tensor(5, name: "bytes", type: uint8, dims: [3], P.bytes(9, [0, 128, 255])),
        tensor(5, name: "scalar", type: float, dims: [], P.float(4, 0.1)),
        tensor(5, name: "empty", type: float, dims: [0]),
        P.message(1,
                  P.string(1, "x"), P.string(1, "W"), P.string(1, ""), P.string(2, "y"),
                  P.string(3, "conv0"), P.string(4, "Conv"),
                  P.string(6, "documentation is skipped"), P.int(99, 123),
                  attribute("kernel_shape", type: 7, P.packedInts(8, [3, 3])),
                  attribute("pads", type: 7, P.unpackedInts(8, [1, 1, 1, 1])),
                  attribute("offset", type: 2, P.int(3, -1)),
                  attribute("alpha", type: 1, P.float(2, 0.75)),
                  attribute("scales", type: 6, P.packedFloats(7, [1, 2])),
                  attribute("auto_pad", type: 3, P.string(4, "SAME_UPPER")),
                  attribute("modes", type: 8, P.string(9, "a") + P.string(9, "b")),
                  attribute("value", type: 4, tensor(5, name: "", type: int64, dims: [], P.int(7, -3)))),
        P.message(1, P.string(1, "y"), P.string(2, "z"), P.string(4, "Custom"), P.string(7, "com.example")),
        P.message(1, P.string(1, "z"), P.string(2, "out"), P.string(4, "Relu")),
        valueInfo(11, "x", type: float, dim(param: "N"), dim(value: 3), P.message(1), dim(value: 5)),
        valueInfo(11, "W", type: float, dim(value: 2), dim(value: 3)),
        valueInfo(12, "out", type: float, dim(value: -1)),
        P.message(13, P.string(1, "y")))

    @Test func readsEveryPartOfAHandBuiltModel() throws {
        let model = try ONNXModel(bytes: Self.complete)
        #expect(model.irVersion == 8)
        #expect(model.producerName == "by hand")
        #expect(model.producerVersion == "0.1")
        #expect(model.operatorSets.map(\.domain) == ["", "com.example"])
        #expect(model.operatorSets.map(\.version) == [13, 1])
        #expect(model.operatorSetVersion() == 13)
        #expect(model.operatorSetVersion(domain: "ai.onnx") == 13)
        #expect(model.operatorSetVersion(domain: "com.example") == 1)
        #expect(model.operatorSetVersion(domain: "com.other") == nil)
        #expect(model.operatorCounts == ["Conv": 1, "com.example:Custom": 1, "Relu": 1])

        let graph = model.graph
        #expect(graph.name == "tiny")
        let tensors = Dictionary(uniqueKeysWithValues: graph.initializers.map { ($0.name, $0) })
        #expect(tensors["W"]?.dims == [2, 3])
        #expect(tensors["W"]?.floats == Self.weights)
        #expect(tensors["B"]?.floats == [0.5, 1.5, 2.5])
        #expect(tensors["packedB"]?.values == tensors["B"]?.values)
        #expect(tensors["shape"]?.values == .int64([-1, 6]))
        #expect(tensors["rawShape"]?.values == .int64([-1, 6]))
        #expect(tensors["shape"]?.integers == [-1, 6])
        #expect(tensors["doubles"]?.dataType == .double)
        #expect(tensors["doubles"]?.floats == [0.25, -8])
        #expect(tensors["int32s"]?.values == .int32([-7, 70000]))
        #expect(tensors["bytes"]?.values == .uint8([0, 128, 255]))
        #expect(tensors["scalar"]?.dims == [] && tensors["scalar"]?.elementCount == 1)
        #expect(tensors["scalar"]?.floats == [0.1])
        #expect(tensors["empty"]?.elementCount == 0 && tensors["empty"]?.floats == [])

        let conv = try #require(graph.nodes.first)
        #expect(conv.name == "conv0" && conv.opType == "Conv" && conv.domain == "")
        #expect(conv.inputs == ["x", "W", ""] && conv.outputs == ["y"])
        #expect(conv.attributes.map(\.name) == ["kernel_shape", "pads", "offset", "alpha", "scales", "auto_pad", "modes", "value"])
        #expect(conv.attribute("kernel_shape") == .ints([3, 3]))
        #expect(conv.attribute("pads") == .ints([1, 1, 1, 1]))
        #expect(conv.attribute("offset") == .int(-1))
        #expect(conv.attribute("alpha") == .float(0.75))
        #expect(conv.attribute("scales") == .floats([1, 2]))
        #expect(conv.attribute("auto_pad") == .string("SAME_UPPER"))
        #expect(conv.attribute("modes") == .strings(["a", "b"]))
        guard case .tensor(let value) = conv.attribute("value") else {
            Issue.record("attribute 'value' is not a tensor: \(conv.attributes)")
            return
        }
        #expect(value.values == .int64([-3]) && value.dims == [])
        #expect(conv.attribute("missing") == nil)
        #expect(graph.nodes[1].domain == "com.example")

        #expect(graph.inputs.map(\.name) == ["x", "W"])
        #expect(graph.dataInputs.map(\.name) == ["x"])
        #expect(graph.inputs[0].elementType == .float)
        #expect(graph.inputs[0].shape == [.symbolic("N"), .fixed(3), .unknown, .fixed(5)])
        #expect(graph.outputs[0].shape == [.unknown])
        #expect(graph.valueInfo.count == 1)
        #expect(graph.valueInfo[0].elementType == nil && graph.valueInfo[0].shape == nil)
    }

    /// Builds a model around one initializer and returns the error reading it.
    func initializerError(_ tensor: [UInt8]) -> ONNXFormatError? {
        #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: Self.model(graph: tensor, P.message(1, P.string(4, "Relu"))))
        }
    }

    @Test func unreadableTensorsAreLoadTimeErrors() throws {
        let external = initializerError(Self.tensor(5, name: "big", type: Self.float, dims: [4],
            P.message(13, P.string(1, "location"), P.string(2, "big.bin")), P.int(14, 1)))
        #expect(external?.reason.contains("'big'") == true)
        #expect(external?.reason.contains("separate file") == true)

        let short = initializerError(Self.tensor(5, name: "short", type: Self.float, dims: [2, 2],
                                                 P.packedFloats(4, [1, 2, 3])))
        #expect(short?.reason.contains("4 elements") == true)

        let ragged = initializerError(Self.tensor(5, name: "ragged", type: Self.float, dims: [2], P.bytes(9, [0, 0, 0, 0, 0])))
        #expect(ragged?.reason.contains("'ragged'") == true)

        let half = initializerError(Self.tensor(5, name: "half", type: Self.float16, dims: [1], P.bytes(9, [0, 0x3C])))
        #expect(half?.reason.contains("FLOAT16") == true)

        let unknownType = initializerError(Self.tensor(5, name: "odd", type: 99, dims: [1]))
        #expect(unknownType?.reason.contains("99") == true)

        let huge = initializerError(Self.tensor(5, name: "huge", type: Self.float, dims: [1 << 40, 1 << 40]))
        #expect(huge?.reason.contains("impossible shape") == true)

        let overflowing = initializerError(Self.tensor(5, name: "uint8", type: Self.uint8, dims: [1], P.packedInts(5, [256])))
        #expect(overflowing?.reason.contains("UInt8") == true)
    }

    @Test func structuralProblemsAreLoadTimeErrors() throws {
        let noGraph = #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: P.int(1, 7) + P.message(8, P.int(2, 12)))
        }
        #expect(noGraph?.reason.contains("no graph") == true)

        let noOpset = #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: P.int(1, 7) + P.message(7, P.message(1, P.string(4, "Relu"))))
        }
        #expect(noOpset?.reason.contains("opset_import") == true)

        let untyped = #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: Self.model(graph: P.message(1, P.string(4, "Relu"), P.message(5, P.string(1, "alpha"), P.float(2, 1)))))
        }
        #expect(untyped?.reason.contains("'alpha'") == true)

        let noOperator = #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: Self.model(graph: P.message(1, P.string(3, "anonymous"))))
        }
        #expect(noOperator?.reason.contains("op_type") == true)

        // op_type is a string; a varint in its place is corruption, named by message and field.
        let wrongWireType = #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: Self.model(graph: P.message(1, P.int(4, 1))))
        }
        #expect(wrongWireType?.context == "NodeProto.opType")

        let sparse = #expect(throws: ONNXFormatError.self) {
            try ONNXModel(bytes: Self.model(graph: P.message(15)))
        }
        #expect(sparse?.reason.contains("sparse") == true)
    }

    @Test func subgraphsInAttributesAreReadAndNestingIsBounded() throws {
        /// An `If`-like node whose attribute holds a graph holding such a node, `levels` deep.
        func nestedGraph(_ levels: Int) -> [UInt8] {
            (0..<levels).reduce(P.message(1, P.string(4, "Relu"))) { inner, _ in
                P.message(1, P.string(4, "If"), Self.attribute("then_branch", type: 5, P.bytes(6, inner)))
            }
        }
        let shallow = try ONNXModel(bytes: Self.model(graph: nestedGraph(3)))
        guard case .graph(let branch) = shallow.graph.nodes[0].attribute("then_branch") else {
            Issue.record("then_branch is not a graph")
            return
        }
        #expect(branch.nodes.map(\.opType) == ["If"])

        let deep = #expect(throws: ONNXFormatError.self) { try ONNXModel(bytes: Self.model(graph: nestedGraph(200))) }
        #expect(deep?.reason.contains("nest deeper") == true)
    }
}
