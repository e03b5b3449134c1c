/// A constant tensor from an ONNX file: an initializer (weights) or a tensor-valued attribute.
///
/// Values are decoded at load time into native arrays in row-major order, whichever of the
/// file's encodings held them: `raw_data` (little-endian bytes) or the typed repeated fields.
public struct ONNXTensor: Sendable, Equatable {
    /// Decoded elements. DOUBLE tensors are narrowed to `Float`, since every kernel computes in
    /// float32; `dataType` still says what the file stored.
    public enum Values: Sendable, Equatable {
        case float([Float])
        case int64([Int64])
        case int32([Int32])
        case uint8([UInt8])
        case int8([Int8])

        public var count: Int {
            switch self {
            case .float(let values): values.count
            case .int64(let values): values.count
            case .int32(let values): values.count
            case .uint8(let values): values.count
            case .int8(let values): values.count
            }
        }
    }

    public let name: String
    /// The shape; empty for a scalar.
    public let dims: [Int]
    public let dataType: ONNXDataType
    public let values: Values
    /// The product of `dims` (1 for a scalar), which always equals `values.count`.
    public let elementCount: Int

    /// The values of a FLOAT or DOUBLE tensor.
    public var floats: [Float]? {
        if case .float(let values) = values { return values }
        return nil
    }

    /// The values of an integer tensor (shapes, axes, indices), widened to `Int`.
    public var integers: [Int]? {
        switch values {
        case .float: nil
        case .int64(let values): values.map { Int($0) }
        case .int32(let values): values.map { Int($0) }
        case .uint8(let values): values.map { Int($0) }
        case .int8(let values): values.map { Int($0) }
        }
    }
}

extension ONNXTensor {
    /// Field numbers of `TensorProto`.
    private enum Field: Int {
        case dims = 1, dataType = 2, segment = 3, floatData = 4, int32Data = 5, stringData = 6
        case int64Data = 7, name = 8, rawData = 9, doubleData = 10, uint64Data = 11, docString = 12
        case externalData = 13, dataLocation = 14
    }

    /// Reads a `TensorProto`. Fields may come in any order, so the payload is decoded only once
    /// the data type is known.
    init(reading reader: inout ONNXWireReader) throws {
        let start = reader.offset
        var name = ""
        var dims: [Int64] = []
        var dataTypeNumber: Int32 = 0
        var rawData: ArraySlice<UInt8>?
        var floatData: [Float] = []
        var doubleData: [Double] = []
        var int32Data: [Int64] = []
        var int64Data: [Int64] = []
        var storedExternally = false
        var unsupportedStorage: String?

        while let tag = try reader.nextTag(naming: Field.self) {
            switch Field(rawValue: tag.number) {
            case .name:
                try reader.expect(tag, .lengthDelimited)
                name = try reader.readString()
            case .dims:
                try reader.appendVarints(tag, to: &dims)
            case .dataType:
                try reader.expect(tag, .varint)
                dataTypeNumber = try reader.readInt32()
            case .rawData:
                try reader.expect(tag, .lengthDelimited)
                rawData = try reader.readLengthDelimited()
            case .floatData:
                try reader.appendFloats(tag, to: &floatData)
            case .doubleData:
                try reader.appendDoubles(tag, to: &doubleData)
            case .int32Data:
                try reader.appendVarints(tag, to: &int32Data)
            case .int64Data:
                try reader.appendVarints(tag, to: &int64Data)
            case .externalData:
                storedExternally = true
                try reader.skip(tag)
            case .dataLocation:
                try reader.expect(tag, .varint)
                if try reader.readInt32() == 1 { storedExternally = true }
            case .segment:
                unsupportedStorage = "is split into segments"
                try reader.skip(tag)
            case .stringData, .uint64Data:
                // Checked below against the data type, which names the problem better.
                try reader.skip(tag)
            case .docString, nil:
                try reader.skip(tag)
            }
        }

        let label = name.isEmpty ? "an unnamed tensor" : "tensor '\(name)'"
        if storedExternally {
            throw reader.error("\(label) keeps its data in a separate file; save the model with its data embedded (onnx.save_model(model, path, save_as_external_data=False)) and load that", at: start)
        }
        if let unsupportedStorage {
            throw reader.error("\(label) \(unsupportedStorage), which this reader does not support", at: start)
        }
        guard let dataType = ONNXDataType(rawValue: dataTypeNumber) else {
            throw reader.error("\(label) has data type \(dataTypeNumber), which onnx.proto does not define", at: start)
        }

        var elementCount = 1
        for dim in dims {
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: Int(dim))
            guard dim >= 0, !overflow else {
                throw reader.error("\(label) has an impossible shape \(dims)", at: start)
            }
            elementCount = product
        }

        // raw_data must hold exactly one fixed-width word per element.
        func decode<Word: FixedWidthInteger, Value>(
            _ raw: ArraySlice<UInt8>, _ word: Word.Type, _ convert: (Word) -> Value
        ) throws -> [Value] {
            let size = MemoryLayout<Word>.size
            guard raw.count % size == 0, raw.count / size == elementCount else {
                throw reader.error("\(label) has shape \(dims) (\(elementCount) elements of \(size) bytes) but \(raw.count) bytes of raw_data", at: start)
            }
            return try reader.littleEndianValues(raw, as: word, convert)
        }

        let values: Values
        switch dataType {
        case .float:
            values = .float(try rawData.map { try decode($0, UInt32.self, Float.init(bitPattern:)) } ?? floatData)
        case .double:
            let doubles = try rawData.map { try decode($0, UInt64.self, Double.init(bitPattern:)) } ?? doubleData
            values = .float(doubles.map { Float($0) })
        case .int64:
            values = .int64(try rawData.map { try decode($0, UInt64.self, Int64.init(bitPattern:)) } ?? int64Data)
        case .int32:
            values = .int32(try rawData.map { try decode($0, UInt32.self, Int32.init(bitPattern:)) }
                ?? Self.narrow(int32Data, label: label, reader: reader, start: start))
        case .uint8:
            values = .uint8(try rawData.map { try decode($0, UInt8.self) { $0 } }
                ?? Self.narrow(int32Data, label: label, reader: reader, start: start))
        case .int8:
            values = .int8(try rawData.map { try decode($0, UInt8.self, Int8.init(bitPattern:)) }
                ?? Self.narrow(int32Data, label: label, reader: reader, start: start))
        default:
            throw reader.error("\(label) has element type \(dataType), which this reader does not decode (supported: FLOAT, DOUBLE, INT64, INT32, UINT8, INT8)", at: start)
        }
        guard values.count == elementCount else {
            throw reader.error("\(label) has shape \(dims) (\(elementCount) elements) but holds \(values.count) values", at: start)
        }

        self.name = name
        self.dims = dims.map { Int($0) }
        self.dataType = dataType
        self.values = values
        self.elementCount = elementCount
    }

    /// Small integer types travel in `int32_data` as varints; each must fit its declared type.
    private static func narrow<Narrow: FixedWidthInteger>(
        _ wide: [Int64], label: String, reader: ONNXWireReader, start: Int
    ) throws -> [Narrow] {
        try wide.map { value in
            guard let narrow = Narrow(exactly: value) else {
                throw reader.error("\(label) holds \(value), which does not fit in \(Narrow.self)", at: start)
            }
            return narrow
        }
    }
}
