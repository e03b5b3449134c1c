import Neural
import Testing

/// The protobuf wire reader on hand-built bytes whose encodings come from the protobuf
/// specification (e.g. 300 = `AC 02`, −1 as int64 = nine `FF` bytes then `01`).
@Suite("ONNX wire reader")
struct ONNXWireReaderTests {
    typealias P = ONNXTestProto

    /// Field names for test messages: 1 holds integers, 2 floats, 3 text, 4 a nested message.
    enum Field: Int { case integers = 1, floats = 2, text = 3, child = 4 }

    func reader(_ bytes: [UInt8]) -> ONNXWireReader {
        ONNXWireReader(bytes: bytes, message: "Test")
    }

    func varint(_ bytes: [UInt8]) throws -> UInt64 {
        var reader = reader(bytes)
        return try reader.readVarint()
    }

    @Test func varintsDecodeTheSpecificationExamples() throws {
        #expect(try varint([0x00]) == 0)
        #expect(try varint([0x01]) == 1)
        #expect(try varint([0x7F]) == 127)
        #expect(try varint([0xAC, 0x02]) == 300)
        #expect(try varint([0x96, 0x01]) == 150)
        #expect(try varint(Array(repeating: 0xFF, count: 9) + [0x01]) == UInt64.max)
    }

    @Test func negativeIntegersUseTenByteVarints() throws {
        var minusOne = reader(Array(repeating: 0xFF, count: 9) + [0x01])
        #expect(try minusOne.readInt64() == -1)
        #expect(minusOne.isAtEnd)

        var smallest = reader(Array(repeating: 0x80, count: 9) + [0x01])
        #expect(try smallest.readInt64() == Int64.min)

        // int32 fields are sign-extended to 64 bits on the wire.
        var minusTwo = reader([0xFE] + Array(repeating: 0xFF, count: 8) + [0x01])
        #expect(try minusTwo.readInt32() == -2)

        // The encoder under test agrees with the hand-written bytes.
        #expect(P.varint(UInt64(bitPattern: -1)) == Array(repeating: 0xFF, count: 9) + [0x01])
        #expect(P.varint(300) == [0xAC, 0x02])
    }

    @Test func malformedVarintsThrowAtTheirStart() throws {
        let elevenBytes: [UInt8] = [0x05] + Array(repeating: 0x80, count: 10) + [0x00]
        var long = reader(elevenBytes)
        _ = try long.readVarint()
        let tooLong = #expect(throws: ONNXFormatError.self) { try long.readVarint() }
        #expect(tooLong?.offset == 1)

        let overflow = #expect(throws: ONNXFormatError.self) { try varint(Array(repeating: 0xFF, count: 9) + [0x02]) }
        #expect(overflow?.reason.contains("64 bits") == true)

        let truncated = #expect(throws: ONNXFormatError.self) { try varint([0x80, 0x80]) }
        #expect(truncated?.offset == 0)

        var wide = reader(P.varint(1 << 40))
        #expect(throws: ONNXFormatError.self) { try wide.readInt32() }
    }

    @Test func fixedWidthValuesAreLittleEndian() throws {
        var single = reader([0x00, 0x00, 0x80, 0x3F])
        #expect(try single.readFloat() == 1.0)
        var double = reader([0, 0, 0, 0, 0, 0, 0xF8, 0x3F])
        #expect(try double.readDouble() == 1.5)
        var short = reader([0x00, 0x00, 0x80])
        let error = #expect(throws: ONNXFormatError.self) { try short.readFixed32() }
        #expect(error?.offset == 0)
    }

    /// Reads every field 1 (integers) and 2 (floats) of a message, whichever encoding they use.
    func repeatedValues(_ bytes: [UInt8]) throws -> (integers: [Int64], floats: [Float]) {
        var reader = reader(bytes)
        var integers: [Int64] = []
        var floats: [Float] = []
        while let tag = try reader.nextTag(naming: Field.self) {
            switch Field(rawValue: tag.number) {
            case .integers: try reader.appendVarints(tag, to: &integers)
            case .floats: try reader.appendFloats(tag, to: &floats)
            default: try reader.skip(tag)
            }
        }
        return (integers, floats)
    }

    @Test func packedAndUnpackedRepeatedFieldsReadTheSame() throws {
        let integers: [Int64] = [1, -1, 300, Int64.max, 0]
        let floats: [Float] = [0.5, -2, .greatestFiniteMagnitude, 0]
        let packed = try repeatedValues(P.packedInts(1, integers) + P.packedFloats(2, floats))
        let unpacked = try repeatedValues(P.unpackedInts(1, integers) + P.unpackedFloats(2, floats))
        #expect(packed.integers == integers && packed.floats == floats)
        #expect(unpacked.integers == integers && unpacked.floats == floats)

        // Parsers must also merge a field that arrives in both forms, in order.
        let mixed = try repeatedValues(P.packedInts(1, [1, 2]) + P.int(1, 3) + P.packedInts(1, [4]))
        #expect(mixed.integers == [1, 2, 3, 4])

        let ragged = #expect(throws: ONNXFormatError.self) { try repeatedValues(P.bytes(2, [0, 0, 0, 0, 0])) }
        #expect(ragged?.reason.contains("4-byte") == true)
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let bytes = P.int(9, -5)
            + P.double(10, 2.5)
            + P.string(11, "ignored")
            + P.int(1, 42)
            + P.float(12, 7)
            + P.message(13, P.int(1, 1), P.string(3, "nested"))
        #expect(try repeatedValues(bytes).integers == [42])
    }

    @Test func groupsAndUndefinedWireTypesAreRejected() throws {
        for wireType: UInt8 in [3, 4, 6, 7] {
            var reader = reader(P.tag(5, wireType) + [0, 0, 0, 0, 0, 0, 0, 0])
            let error = #expect(throws: ONNXFormatError.self) { try reader.nextTag(naming: Field.self) }
            #expect(error?.offset == 0)
        }
        var zero = reader(P.tag(0, 0) + [0])
        #expect(throws: ONNXFormatError.self) { try zero.nextTag(naming: Field.self) }
    }

    @Test func errorsNameTheMessageFieldAndOffset() throws {
        // Field 3 claims 100 bytes, but only 3 follow.
        var reader = reader(P.int(1, 7) + P.tag(3, 2) + [100, 0x61, 0x62, 0x63])
        _ = try reader.nextTag(naming: Field.self)
        _ = try reader.readVarint()
        let tag = try #require(try reader.nextTag(naming: Field.self))
        #expect(tag.number == 3 && tag.wireType == .lengthDelimited)
        let error = #expect(throws: ONNXFormatError.self) { try reader.readString() }
        #expect(error?.offset == 3)
        #expect(error?.context == "Test.text")
        #expect(error?.description.contains("byte 3") == true)

        var wrongType = self.reader(P.int(3, 1))
        let textTag = try #require(try wrongType.nextTag(naming: Field.self))
        #expect(throws: ONNXFormatError.self) { try wrongType.expect(textTag, .lengthDelimited) }
    }

    /// Follows field 4 as deep as it goes.
    static func depth(_ reader: inout ONNXWireReader) throws -> Int {
        var deepest = 0
        while let tag = try reader.nextTag(naming: Field.self) {
            if tag.number == Field.child.rawValue {
                deepest = max(deepest, 1 + (try reader.readMessage("Test") { try depth(&$0) }))
            } else {
                try reader.skip(tag)
            }
        }
        return deepest
    }

    func nested(_ levels: Int) -> [UInt8] {
        (0..<levels).reduce(P.int(1, 1)) { inner, _ in P.bytes(4, inner) }
    }

    @Test func nestingDeeperThanTheLimitIsAnErrorNotACrash() throws {
        var shallow = reader(nested(10))
        #expect(try Self.depth(&shallow) == 10)

        var hostile = reader(nested(1_000))
        let error = #expect(throws: ONNXFormatError.self) { try Self.depth(&hostile) }
        #expect(error?.reason.contains("\(ONNXWireReader.maximumDepth)") == true)
    }
}
