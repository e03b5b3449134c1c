/// Writes the primitives of `dlib/serialize.h`, to build dlib files byte by byte in tests.
struct DlibBytes {
    private(set) var bytes: [UInt8] = []

    /// A packed integer: control byte (bit 7 = negative, low bits = byte count), then the
    /// magnitude little-endian in as few bytes as hold it (zero takes one byte).
    mutating func int(_ value: Int) {
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(magnitude & 0xFF))
            magnitude >>= 8
        } while magnitude != 0
        bytes.append(UInt8(digits.count) | (value < 0 ? 0x80 : 0))
        bytes += digits
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    }

    /// A float as dlib writes it: mantissa and exponent, value = mantissa · 2^exponent.
    mutating func float(mantissa: Int, exponent: Int) {
        int(mantissa)
        int(exponent)
    }

    /// Any float that is exactly `mantissa · 2^exponent` with a 24-bit mantissa.
    mutating func float(_ value: Float) {
        guard value != 0 else { return float(mantissa: 0, exponent: 0) }
        let exponent = Int(value.exponent) - 23
        float(mantissa: Int(value * Float(sign: .plus, exponent: -exponent, significand: 1)), exponent: exponent)
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += Array(value.utf8)
    }

    /// A tensor: version 2, four dimensions, raw little-endian float32 values.
    mutating func tensor(_ n: Int, _ k: Int, _ nr: Int, _ nc: Int, _ values: [Float]) {
        int(2)
        for dimension in [n, k, nr, nc] { int(dimension) }
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
        }
    }

    mutating func emptyTensor() {
        tensor(0, 0, 0, 0, [])
    }

    /// A `dlib::alias_tensor` shape: version 1, then four dimensions.
    mutating func alias(_ n: Int, _ k: Int, _ nr: Int, _ nc: Int) {
        int(1)
        for dimension in [n, k, nr, nc] { int(dimension) }
    }

    mutating func raw(_ more: [UInt8]) {
        bytes += more
    }
}
