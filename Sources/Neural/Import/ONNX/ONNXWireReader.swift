/// How a protobuf field's payload is laid out, which is all a reader needs to know to skip a
/// field it does not understand.
public enum ONNXWireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A field key: the field number and the wire type of the payload that follows it.
public struct ONNXWireTag: Sendable, Equatable {
    public let number: Int
    public let wireType: ONNXWireType
}

/// Reads one protobuf message in wire format, field by field.
///
/// Protobuf has no framing beyond the tag that starts each field: a varint `number << 3 | wireType`.
/// Varints hold 7 bits per byte, lowest first, the top bit meaning "more follows"; negative
/// `int64`/`int32` values are sign-extended to 64 bits and so always take 10 bytes. Fixed-width
/// values are little-endian; length-delimited payloads (strings, bytes, nested messages, packed
/// repeated scalars) start with a varint byte count. Fields may come in any order and repeat,
/// and a repeated scalar may arrive packed (one length-delimited run) or unpacked (one field per
/// element), so readers accept both.
///
/// Every read checks the bounds of the enclosing message and throws ``ONNXFormatError`` with the
/// absolute byte offset and the field being read. Nested messages share the file's bytes (no
/// copies) and are limited to ``maximumDepth`` levels, so hostile nesting cannot exhaust the stack.
public struct ONNXWireReader {
    /// Deeper than any real ONNX model (a graph inside an attribute inside a node inside a graph
    /// adds three levels per nesting), shallow enough for any thread's stack.
    public static let maximumDepth = 64

    public let file: String
    /// The message type being read, for error messages.
    public let message: String
    /// How many messages enclose this one.
    public let depth: Int
    /// Absolute position of the next byte to read.
    public private(set) var offset: Int

    private let bytes: [UInt8]
    private let end: Int
    /// The field whose payload is being read and the schema that names it, for error messages;
    /// the name is looked up only when an error is thrown, since printing an enum case is slow.
    private var field: (number: Int, schema: any RawRepresentable<Int>.Type)?

    /// A reader for a whole buffer holding one top-level message.
    public init(bytes: [UInt8], message: String, file: String = "<memory>") {
        self.init(bytes: bytes, range: 0..<bytes.count, message: message, file: file, depth: 0)
    }

    private init(bytes: [UInt8], range: Range<Int>, message: String, file: String, depth: Int) {
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
        self.message = message
        self.file = file
        self.depth = depth
    }

    public var isAtEnd: Bool { offset >= end }

    /// An error at the current field (or `position`), for callers that find a well-formed value
    /// they cannot accept.
    public func error(_ reason: String, at position: Int? = nil) -> ONNXFormatError {
        let context = field.map { "\(message).\(Self.name(of: $0.number, in: $0.schema))" } ?? message
        return ONNXFormatError(file: file, offset: position ?? offset, context: context, reason: reason)
    }

    private static func name<Fields: RawRepresentable<Int>>(of number: Int, in schema: Fields.Type) -> String {
        Fields(rawValue: number).map { "\($0)" } ?? "field \(number)"
    }

    // MARK: Tags

    /// The next field's tag, or `nil` at the end of the message. `fields` names the message's
    /// known field numbers, so errors can say which field was being read.
    public mutating func nextTag<Fields: RawRepresentable<Int>>(naming fields: Fields.Type) throws -> ONNXWireTag? {
        field = nil
        guard !isAtEnd else { return nil }
        let start = offset
        let key = try readVarint()
        let number = key >> 3
        guard number > 0, number <= 0x1FFF_FFFF else {
            throw error("field number \(number) is outside 1...536870911", at: start)
        }
        guard let wireType = ONNXWireType(rawValue: UInt8(key & 7)) else {
            throw error("field \(number) has wire type \(key & 7), which protobuf does not define", at: start)
        }
        field = (Int(number), fields)
        guard wireType != .startGroup, wireType != .endGroup else {
            throw error("protobuf groups (wire types 3 and 4) never appear in ONNX files", at: start)
        }
        return ONNXWireTag(number: Int(number), wireType: wireType)
    }

    /// Throws unless the field has the wire type its schema declares.
    public func expect(_ tag: ONNXWireTag, _ wireType: ONNXWireType) throws {
        guard tag.wireType == wireType else {
            throw error("wire type is \(tag.wireType), the schema says \(wireType)")
        }
    }

    /// Steps over a field this reader does not need.
    public mutating func skip(_ tag: ONNXWireTag) throws {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try take(8)
        case .fixed32: _ = try take(4)
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup, .endGroup: throw error("protobuf groups never appear in ONNX files")
        }
    }

    // MARK: Scalars

    /// A base-128 varint of at most 10 bytes.
    public mutating func readVarint() throws -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw error("the data ends inside a varint", at: start) }
            let byte = bytes[offset]
            offset += 1
            // The tenth byte carries only bit 63.
            guard shift < 63 || byte <= 1 else { throw error("varint does not fit in 64 bits", at: start) }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// An `int64` field: a varint holding the two's-complement bits.
    public mutating func readInt64() throws -> Int64 {
        Int64(bitPattern: try readVarint())
    }

    /// An `int32` or enum field: sign-extended to 64 bits on the wire, so it must fit back.
    public mutating func readInt32() throws -> Int32 {
        let start = offset
        let value = try readInt64()
        guard let narrow = Int32(exactly: value) else { throw error("\(value) does not fit in int32", at: start) }
        return narrow
    }

    public mutating func readFixed32() throws -> UInt32 {
        try take(4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    public mutating func readFixed64() throws -> UInt64 {
        try take(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    public mutating func readFloat() throws -> Float { Float(bitPattern: try readFixed32()) }

    public mutating func readDouble() throws -> Double { Double(bitPattern: try readFixed64()) }

    // MARK: Length-delimited payloads

    /// The payload of a length-delimited field, sharing the reader's storage.
    public mutating func readLengthDelimited() throws -> ArraySlice<UInt8> {
        let start = offset
        let length = try readVarint()
        guard length <= UInt64(end - offset) else {
            throw error("a payload of \(length) bytes runs past the end of the \(message) (\(end - offset) bytes left)", at: start)
        }
        return try take(Int(length))
    }

    /// A `string` or `bytes` field read as UTF-8 text (invalid sequences become U+FFFD).
    public mutating func readString() throws -> String {
        String(decoding: try readLengthDelimited(), as: UTF8.self)
    }

    /// A nested message: `parse` reads it with a reader bounded by the payload.
    public mutating func readMessage<Result>(
        _ name: String, _ parse: (inout ONNXWireReader) throws -> Result
    ) throws -> Result {
        let start = offset
        let payload = try readLengthDelimited()
        guard depth + 1 < Self.maximumDepth else {
            throw error("messages nest deeper than \(Self.maximumDepth) levels", at: start)
        }
        var nested = ONNXWireReader(bytes: bytes, range: payload.indices, message: name, file: file, depth: depth + 1)
        return try parse(&nested)
    }

    // MARK: Repeated scalars, packed or not

    /// Appends one varint, or a packed run of them, to `values`.
    public mutating func appendVarints(_ tag: ONNXWireTag, to values: inout [Int64]) throws {
        switch tag.wireType {
        case .varint:
            values.append(try readInt64())
        case .lengthDelimited:
            let payload = try readLengthDelimited()
            var packed = ONNXWireReader(bytes: bytes, range: payload.indices, message: message, file: file, depth: depth)
            packed.field = field
            while !packed.isAtEnd { values.append(try packed.readInt64()) }
        default:
            throw error("wire type is \(tag.wireType), expected a varint or a packed run of varints")
        }
    }

    /// Appends one `float`, or a packed run of them, to `values`.
    public mutating func appendFloats(_ tag: ONNXWireTag, to values: inout [Float]) throws {
        switch tag.wireType {
        case .fixed32:
            values.append(try readFloat())
        case .lengthDelimited:
            values += try littleEndianValues(try readLengthDelimited(), as: UInt32.self, Float.init(bitPattern:))
        default:
            throw error("wire type is \(tag.wireType), expected a float or a packed run of floats")
        }
    }

    /// Appends one `double`, or a packed run of them, to `values`.
    public mutating func appendDoubles(_ tag: ONNXWireTag, to values: inout [Double]) throws {
        switch tag.wireType {
        case .fixed64:
            values.append(try readDouble())
        case .lengthDelimited:
            values += try littleEndianValues(try readLengthDelimited(), as: UInt64.self, Double.init(bitPattern:))
        default:
            throw error("wire type is \(tag.wireType), expected a double or a packed run of doubles")
        }
    }

    /// Decodes a run of little-endian fixed-width values in one pass over raw memory; the loop
    /// compiles to a plain copy on little-endian machines.
    public func littleEndianValues<Word: FixedWidthInteger, Value>(
        _ payload: ArraySlice<UInt8>, as word: Word.Type, _ convert: (Word) -> Value
    ) throws -> [Value] {
        let size = MemoryLayout<Word>.size
        guard payload.count % size == 0 else {
            throw error("\(payload.count) bytes is not a whole number of \(size)-byte values", at: payload.startIndex)
        }
        let count = payload.count / size
        return payload.withUnsafeBytes { raw in
            [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: index &* size, as: Word.self)
                    buffer.initializeElement(at: index, to: convert(Word(littleEndian: bits)))
                }
                initialized = count
            }
        }
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count <= end - offset else {
            throw error("the data ends after \(end - offset) of \(count) bytes")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
