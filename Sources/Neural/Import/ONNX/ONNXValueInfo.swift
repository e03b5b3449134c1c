/// One dimension of a declared tensor shape.
public enum ONNXDimension: Sendable, Equatable, CustomStringConvertible {
    /// A size known when the model was exported.
    case fixed(Int)
    /// A size chosen at run time and named, e.g. `N` or `height`; equal names mean equal sizes.
    case symbolic(String)
    /// A size chosen at run time and not named. Negative sizes, which some exporters write for
    /// "unknown", land here too.
    case unknown

    public var description: String {
        switch self {
        case .fixed(let size): "\(size)"
        case .symbolic(let name): name
        case .unknown: "?"
        }
    }
}

/// What a graph declares about a value: a graph input or output, or an intermediate result
/// listed in `value_info`.
public struct ONNXValueInfo: Sendable, Equatable {
    public let name: String
    /// `nil` when the value is not a tensor (a sequence or map) or its type is not recorded.
    public let elementType: ONNXDataType?
    /// `nil` when the rank is not recorded; otherwise one entry per dimension.
    public let shape: [ONNXDimension]?
}

extension ONNXValueInfo {
    /// Field numbers of `ValueInfoProto`, `TypeProto`, `TypeProto.Tensor`, `TensorShapeProto` and
    /// `TensorShapeProto.Dimension`.
    private enum ValueInfoField: Int { case name = 1, type = 2, docString = 3 }
    private enum TypeField: Int { case tensorType = 1, sequenceType = 4, mapType = 5, denotation = 6 }
    private enum TensorTypeField: Int { case elemType = 1, shape = 2 }
    private enum ShapeField: Int { case dim = 1 }
    private enum DimensionField: Int { case dimValue = 1, dimParam = 2, denotation = 3 }

    init(reading reader: inout ONNXWireReader) throws {
        var name = ""
        var elementType: ONNXDataType?
        var shape: [ONNXDimension]?
        while let tag = try reader.nextTag(naming: ValueInfoField.self) {
            switch ValueInfoField(rawValue: tag.number) {
            case .name:
                try reader.expect(tag, .lengthDelimited)
                name = try reader.readString()
            case .type:
                try reader.expect(tag, .lengthDelimited)
                (elementType, shape) = try reader.readMessage("TypeProto", Self.readType)
            case .docString, nil:
                try reader.skip(tag)
            }
        }
        self.name = name
        self.elementType = elementType
        self.shape = shape
    }

    /// A `TypeProto`; only tensor types carry an element type and shape, and sequence or map
    /// types are left undescribed rather than read (they never feed the operators Footfall runs).
    private static func readType(_ reader: inout ONNXWireReader) throws -> (ONNXDataType?, [ONNXDimension]?) {
        var result: (ONNXDataType?, [ONNXDimension]?) = (nil, nil)
        while let tag = try reader.nextTag(naming: TypeField.self) {
            if TypeField(rawValue: tag.number) == .tensorType {
                try reader.expect(tag, .lengthDelimited)
                result = try reader.readMessage("TypeProto.Tensor", readTensorType)
            } else {
                try reader.skip(tag)
            }
        }
        return result
    }

    private static func readTensorType(_ reader: inout ONNXWireReader) throws -> (ONNXDataType?, [ONNXDimension]?) {
        var elementType: ONNXDataType?
        var shape: [ONNXDimension]?
        while let tag = try reader.nextTag(naming: TensorTypeField.self) {
            switch TensorTypeField(rawValue: tag.number) {
            case .elemType:
                try reader.expect(tag, .varint)
                let start = reader.offset
                let number = try reader.readInt32()
                guard let type = ONNXDataType(rawValue: number) else {
                    throw reader.error("element type \(number) is not defined by onnx.proto", at: start)
                }
                elementType = type
            case .shape:
                try reader.expect(tag, .lengthDelimited)
                shape = try reader.readMessage("TensorShapeProto", readShape)
            case nil:
                try reader.skip(tag)
            }
        }
        return (elementType, shape)
    }

    private static func readShape(_ reader: inout ONNXWireReader) throws -> [ONNXDimension] {
        var dimensions: [ONNXDimension] = []
        while let tag = try reader.nextTag(naming: ShapeField.self) {
            if ShapeField(rawValue: tag.number) == .dim {
                try reader.expect(tag, .lengthDelimited)
                dimensions.append(try reader.readMessage("TensorShapeProto.Dimension", readDimension))
            } else {
                try reader.skip(tag)
            }
        }
        return dimensions
    }

    private static func readDimension(_ reader: inout ONNXWireReader) throws -> ONNXDimension {
        var dimension = ONNXDimension.unknown
        while let tag = try reader.nextTag(naming: DimensionField.self) {
            switch DimensionField(rawValue: tag.number) {
            case .dimValue:
                try reader.expect(tag, .varint)
                let size = try reader.readInt64()
                dimension = size >= 0 ? .fixed(Int(size)) : .unknown
            case .dimParam:
                try reader.expect(tag, .lengthDelimited)
                let name = try reader.readString()
                dimension = name.isEmpty ? .unknown : .symbolic(name)
            case .denotation, nil:
                try reader.skip(tag)
            }
        }
        return dimension
    }
}
