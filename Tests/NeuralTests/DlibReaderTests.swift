import Neural
import Testing

/// The primitives of `dlib/serialize.h` on byte sequences written by hand.
@Suite struct DlibReaderTests {
    func reader(_ build: (inout DlibBytes) -> Void) -> DlibReader {
        var bytes = DlibBytes()
        build(&bytes)
        return DlibReader(bytes: bytes.bytes, file: "test.dat")
    }

    @Test func integersOfEverySignAndSize() throws {
        let values = [0, 1, 255, 256, 65_535, 1 << 40, -1, -300, Int.max, -Int.max]
        var input = reader { bytes in values.forEach { bytes.int($0) } }
        for value in values { #expect(try input.readInt() == value) }
        #expect(input.isAtEnd)
    }

    @Test func zeroIsAControlByteAndOneZeroByte() throws {
        var input = DlibReader(bytes: [0x01, 0x00, 0x81, 0x05])
        #expect(try input.readInt() == 0)
        #expect(try input.readInt() == -5)
    }

    @Test func floatsAreMantissaThenExponent() throws {
        var input = reader { bytes in
            bytes.float(mantissa: 3, exponent: -1)
            bytes.float(mantissa: -5, exponent: 2)
            bytes.float(mantissa: 0, exponent: 0)
            bytes.float(mantissa: 10_737_418, exponent: -28)
            bytes.float(mantissa: 1, exponent: 32000)
            bytes.float(mantissa: 1, exponent: 32001)
            bytes.float(mantissa: 1, exponent: 32002)
        }
        #expect(try input.readDouble() == 1.5)
        #expect(try input.readDouble() == -20)
        #expect(try input.readDouble() == 0)
        #expect(try input.readFloat() == Float(10_737_418.0 / 268_435_456.0))
        #expect(try input.readDouble() == .infinity)
        #expect(try input.readDouble() == -.infinity)
        #expect(try input.readDouble().isNaN)
    }

    @Test func stringsBoolsMatricesAndTensors() throws {
        var input = reader { bytes in
            bytes.string("con_6")
            bytes.string("")
            bytes.bool(true)
            bytes.bool(false)
            // A 2×3 matrix: sizes written negated, then row-major values.
            bytes.int(-2)
            bytes.int(-3)
            for value in 1...6 { bytes.float(mantissa: value, exponent: 0) }
            bytes.tensor(1, 2, 1, 2, [0.5, -1, 3.25, 1e-7])
            bytes.emptyTensor()
        }
        #expect(try input.readString() == "con_6")
        #expect(try input.readString() == "")
        #expect(try input.readBool() == true)
        #expect(try input.readBool() == false)
        let matrix = try input.readMatrix()
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.values == [1, 2, 3, 4, 5, 6])
        let tensor = try input.readTensor()
        #expect([tensor.samples, tensor.channels, tensor.rows, tensor.columns] == [1, 2, 1, 2])
        #expect(tensor.values == [0.5, -1, 3.25, 1e-7])
        #expect(try input.readTensor().isEmpty)
        #expect(input.isAtEnd)
    }

    @Test func truncationAndNonsenseAreTypedErrorsWithOffsets() {
        func failure(_ bytes: [UInt8], _ read: (inout DlibReader) throws -> Void) -> DlibFormatError? {
            var input = DlibReader(bytes: bytes, file: "bad.dat")
            do {
                try read(&input)
                return nil
            } catch {
                return error as? DlibFormatError
            }
        }
        // An integer announcing 4 bytes with 2 left.
        #expect(failure([0x04, 0x01, 0x02]) { _ = try $0.readInt() }?.offset == 1)
        // A control byte claiming 9 bytes.
        #expect(failure([0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0]) { _ = try $0.readInt() }?.offset == 0)
        // A bool that is neither '0' nor '1'.
        #expect(failure([0x01, 0x02, 0x33]) { _ = try $0.readInt(); _ = try $0.readBool() }?.offset == 2)
        // A string longer than the file.
        #expect(failure([0x01, 0x10, 0x61, 0x62]) { _ = try $0.readString() }?.offset == 2)
        // A tensor of an unknown version, and one larger than the file.
        #expect(failure([0x01, 0x03]) { _ = try $0.readTensor() }?.offset == 0)
        var big = DlibBytes()
        big.int(2)
        for dimension in [1000, 1000, 10, 10] { big.int(dimension) }
        #expect(failure(big.bytes) { _ = try $0.readTensor() }?.offset == 0)
        // An empty file.
        #expect(failure([]) { _ = try $0.readInt() }?.offset == 0)
    }
}
