import Foundation

/// A dlib file that could not be read: where in the file, and why.
public struct DlibFormatError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let offset: Int
    public let reason: String

    public init(file: String, offset: Int, reason: String) {
        self.file = file
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "\(file): not a readable dlib file at byte \(offset): \(reason)"
    }
}

/// A tensor as dlib serialises it: num_samples × k × nr × nc float32 values.
public struct DlibTensor: Sendable {
    public let samples: Int
    public let channels: Int
    public let rows: Int
    public let columns: Int
    public let values: [Float]

    public var isEmpty: Bool { values.isEmpty }
}

/// Reads the primitive values of `dlib/serialize.h` in the order they were written.
///
/// dlib files carry no magic number or schema: a reader must ask for exactly the sequence of
/// values the writer produced. Every read checks the remaining length, so a truncated or foreign
/// file ends in a ``DlibFormatError`` naming the byte offset instead of a crash.
public struct DlibReader {
    public let file: String
    private let bytes: [UInt8]
    public private(set) var offset: Int = 0

    public init(bytes: [UInt8], file: String = "<memory>") {
        self.bytes = bytes
        self.file = file
    }

    /// Reads a whole file into memory.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DlibFormatError(file: path, offset: 0, reason: "the file cannot be opened")
        }
        self.init(bytes: [UInt8](data), file: path)
    }

    public var isAtEnd: Bool { offset >= bytes.count }

    public func error(_ reason: String, at position: Int? = nil) -> DlibFormatError {
        DlibFormatError(file: file, offset: position ?? offset, reason: reason)
    }

    private mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw error("file ends inside \(what()) (\(count) bytes needed, \(bytes.count - offset) left)")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// A packed integer: a control byte (bit 7 = negative, low 4 bits = byte count), then the
    /// magnitude little-endian.
    public mutating func readInt() throws -> Int {
        let start = offset
        let control = try take(1, "an integer").first!
        let count = Int(control & 0x0F)
        guard count <= 8 else { throw error("integer control byte \(control) claims \(count) bytes", at: start) }
        var magnitude: UInt64 = 0
        for (shift, byte) in try take(count, "an integer").enumerated() {
            magnitude |= UInt64(byte) << (8 * UInt64(shift))
        }
        guard magnitude <= UInt64(Int.max) else { throw error("integer does not fit 64 bits", at: start) }
        return control & 0x80 != 0 ? -Int(magnitude) : Int(magnitude)
    }

    /// A packed integer that must be a count or size: non-negative and at most `limit`.
    public mutating func readCount(_ what: String, limit: Int = 1 << 31) throws -> Int {
        let start = offset
        let value = try readInt()
        guard value >= 0, value <= limit else { throw error("\(what) is \(value), outside 0...\(limit)", at: start) }
        return value
    }

    /// A bool: the ASCII byte '1' or '0'.
    public mutating func readBool() throws -> Bool {
        let start = offset
        switch try take(1, "a bool").first! {
        case UInt8(ascii: "1"): return true
        case UInt8(ascii: "0"): return false
        case let other: throw error("expected a bool ('0' or '1'), found byte \(other)", at: start)
        }
    }

    /// A float or double in dlib's portable form: int64 mantissa, then int16 exponent.
    public mutating func readDouble() throws -> Double {
        let mantissa = try readInt()
        let start = offset
        let exponent = try readInt()
        switch exponent {
        case 32000: return .infinity
        case 32001: return -.infinity
        case 32002: return .nan
        case -32768...32767: return Double(sign: .plus, exponent: exponent, significand: Double(mantissa))
        default: throw error("float exponent \(exponent) is out of range", at: start)
        }
    }

    public mutating func readFloat() throws -> Float { Float(try readDouble()) }

    /// A string: packed length, then its bytes.
    public mutating func readString(limit: Int = 1 << 20) throws -> String {
        let count = try readCount("string length", limit: limit)
        let start = offset
        let raw = try take(count, "a string")
        guard let text = String(bytes: raw, encoding: .utf8) else { throw error("string is not UTF-8", at: start) }
        return text
    }

    /// A `dlib::matrix` of floating-point values, row-major. Sizes are written negated by
    /// current dlib; older files wrote them positive, so the sign is ignored.
    public mutating func readMatrix() throws -> (rows: Int, columns: Int, values: [Double]) {
        let start = offset
        let rows = abs(try readInt())
        let columns = abs(try readInt())
        guard rows <= 1 << 24, columns <= 1 << 24, rows * columns <= 1 << 28 else {
            throw error("matrix of \(rows)×\(columns) is implausibly large", at: start)
        }
        var values = [Double]()
        values.reserveCapacity(rows * columns)
        for _ in 0..<rows * columns { values.append(try readDouble()) }
        return (rows, columns, values)
    }

    /// A dlib tensor: version 2, the four dimensions, then raw little-endian float32 values.
    public mutating func readTensor() throws -> DlibTensor {
        let start = offset
        let version = try readInt()
        guard version == 2 else { throw error("unknown tensor version \(version)", at: start) }
        let n = try readCount("tensor num_samples"), k = try readCount("tensor k")
        let nr = try readCount("tensor nr"), nc = try readCount("tensor nc")
        let (count, overflow) = n.multipliedReportingOverflow(by: k * nr * nc)
        guard !overflow, count <= (bytes.count - offset) / 4 else {
            throw error("tensor of \(n)×\(k)×\(nr)×\(nc) floats is larger than the rest of the file", at: start)
        }
        let raw = try take(count * 4, "tensor values")
        let values = raw.withUnsafeBytes { buffer in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return DlibTensor(samples: n, channels: k, rows: nr, columns: nc, values: values)
    }

    /// Reads a name and checks it is the expected record.
    public mutating func expectString(_ expected: String) throws {
        let start = offset
        let found = try readString(limit: 256)
        guard found == expected else { throw error("expected \"\(expected)\", found \"\(found)\"", at: start) }
    }
}
