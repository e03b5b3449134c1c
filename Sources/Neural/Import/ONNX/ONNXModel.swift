import Foundation

/// An operator set a model was exported against: nodes in `domain` mean what that set's
/// `version` defines (e.g. `Resize` changed meaning between opsets 10, 11 and 13).
public struct ONNXOperatorSet: Sendable, Equatable {
    /// Empty (or `ai.onnx`) for the standard operators.
    public let domain: String
    public let version: Int
}

/// An `.onnx` file read into plain Swift values: the `ModelProto` message and everything under
/// it that describes inference.
///
/// Reading is complete and strict: every weight is decoded and checked against its shape, and
/// anything this reader does not support (external data, sparse tensors, exotic element types)
/// fails here with an ``ONNXFormatError`` rather than later. Whether the *operators* are
/// supported is for the code that turns the graph into layers to decide.
public struct ONNXModel: Sendable, Equatable {
    /// The file-format (IR) version, e.g. 7 for files written by onnx 1.8–1.9.
    public let irVersion: Int
    /// The exporter, e.g. `keras2onnx` or `pytorch`.
    public let producerName: String
    public let producerVersion: String
    public let operatorSets: [ONNXOperatorSet]
    public let graph: ONNXGraph

    /// Reads a model from a file.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ONNXFormatError(file: path, offset: 0, context: "file",
                                  reason: "the file cannot be opened; check the path and its permissions")
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Reads a model from the bytes of an `.onnx` file; `file` names it in errors.
    public init(bytes: [UInt8], file: String = "<memory>") throws {
        var reader = ONNXWireReader(bytes: bytes, message: "ModelProto", file: file)
        var irVersion: Int64 = 0
        var producerName = ""
        var producerVersion = ""
        var operatorSets: [ONNXOperatorSet] = []
        var graph: ONNXGraph?
        while let tag = try reader.nextTag(naming: Field.self) {
            switch Field(rawValue: tag.number) {
            case .irVersion:
                try reader.expect(tag, .varint)
                irVersion = try reader.readInt64()
            case .producerName:
                try reader.expect(tag, .lengthDelimited)
                producerName = try reader.readString()
            case .producerVersion:
                try reader.expect(tag, .lengthDelimited)
                producerVersion = try reader.readString()
            case .graph:
                try reader.expect(tag, .lengthDelimited)
                graph = try reader.readMessage("GraphProto") { try ONNXGraph(reading: &$0) }
            case .opsetImport:
                try reader.expect(tag, .lengthDelimited)
                operatorSets.append(try reader.readMessage("OperatorSetIdProto", Self.readOperatorSet))
            case .domain, .modelVersion, .docString, .metadataProps, .trainingInfo, .functions, nil:
                try reader.skip(tag)
            }
        }
        // A cut that falls between two top-level fields leaves well-formed protobuf, so a
        // truncated file is caught here by what ONNX requires to be present.
        guard let graph else {
            throw reader.error("the model has no graph; is this an ONNX model, and is the file complete?")
        }
        guard !operatorSets.isEmpty else {
            throw reader.error("the model imports no operator set (opset_import); is the file complete?")
        }
        self.irVersion = Int(irVersion)
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.operatorSets = operatorSets
        self.graph = graph
    }

    /// The version of the operator set imported for `domain` (`""` = the standard operators).
    public func operatorSetVersion(domain: String = "") -> Int? {
        let standard: Set = ["", "ai.onnx"]
        return operatorSets.first { $0.domain == domain || (standard.contains(domain) && standard.contains($0.domain)) }?.version
    }

    /// How many nodes of the main graph use each operator; see ``ONNXGraph/operatorCounts``.
    public var operatorCounts: [String: Int] { graph.operatorCounts }
}

extension ONNXModel {
    /// Field numbers of `ModelProto` and `OperatorSetIdProto`.
    private enum Field: Int {
        case irVersion = 1, producerName = 2, producerVersion = 3, domain = 4, modelVersion = 5
        case docString = 6, graph = 7, opsetImport = 8, metadataProps = 14, trainingInfo = 20
        case functions = 25
    }
    private enum OperatorSetField: Int { case domain = 1, version = 2 }

    private static func readOperatorSet(_ reader: inout ONNXWireReader) throws -> ONNXOperatorSet {
        var domain = ""
        var version: Int64 = 0
        while let tag = try reader.nextTag(naming: OperatorSetField.self) {
            switch OperatorSetField(rawValue: tag.number) {
            case .domain:
                try reader.expect(tag, .lengthDelimited)
                domain = try reader.readString()
            case .version:
                try reader.expect(tag, .varint)
                version = try reader.readInt64()
            case nil:
                try reader.skip(tag)
            }
        }
        return ONNXOperatorSet(domain: domain, version: Int(version))
    }
}
