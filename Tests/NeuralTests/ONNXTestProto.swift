/// Writes protobuf wire bytes by hand, straight from the encoding rules, so tests can feed the
/// ONNX reader exact byte sequences: packed and unpacked fields, unknown fields, broken input.
enum ONNXTestProto {
    static let varintType: UInt8 = 0, fixed64Type: UInt8 = 1, lengthType: UInt8 = 2, fixed32Type: UInt8 = 5

    /// Seven bits per byte, lowest first; the top bit says more bytes follow.
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    static func tag(_ field: Int, _ wireType: UInt8) -> [UInt8] {
        varint(UInt64(field) << 3 | UInt64(wireType))
    }

    /// An int64/int32/enum field; negative values take ten bytes.
    static func int(_ field: Int, _ value: Int64) -> [UInt8] {
        tag(field, varintType) + varint(UInt64(bitPattern: value))
    }

    static func float(_ field: Int, _ value: Float) -> [UInt8] {
        tag(field, fixed32Type) + littleEndian(value.bitPattern)
    }

    static func double(_ field: Int, _ value: Double) -> [UInt8] {
        tag(field, fixed64Type) + littleEndian(value.bitPattern)
    }

    static func bytes(_ field: Int, _ payload: [UInt8]) -> [UInt8] {
        tag(field, lengthType) + varint(UInt64(payload.count)) + payload
    }

    static func string(_ field: Int, _ text: String) -> [UInt8] {
        bytes(field, Array(text.utf8))
    }

    /// A nested message from its already-encoded fields.
    static func message(_ field: Int, _ fields: [UInt8]...) -> [UInt8] {
        bytes(field, fields.flatMap { $0 })
    }

    static func packedInts(_ field: Int, _ values: [Int64]) -> [UInt8] {
        bytes(field, values.flatMap { varint(UInt64(bitPattern: $0)) })
    }

    static func unpackedInts(_ field: Int, _ values: [Int64]) -> [UInt8] {
        values.flatMap { int(field, $0) }
    }

    static func packedFloats(_ field: Int, _ values: [Float]) -> [UInt8] {
        bytes(field, values.flatMap { littleEndian($0.bitPattern) })
    }

    static func unpackedFloats(_ field: Int, _ values: [Float]) -> [UInt8] {
        values.flatMap { float(field, $0) }
    }

    static func littleEndian<Word: FixedWidthInteger>(_ word: Word) -> [UInt8] {
        (0..<MemoryLayout<Word>.size).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
    }
}
