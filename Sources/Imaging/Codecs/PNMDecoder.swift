/// The header of a Netpbm gray map (PGM: `P2` plain, `P5` binary) or pixel map (PPM: `P3`, `P6`).
///
/// `P5 92 112 255` then one whitespace byte then the raster: the magic number, width, height and
/// the largest sample value ("maxval"), separated by whitespace, with `#` comments running to the
/// end of a line anywhere before the raster.
struct PNMHeader {
    let width: Int
    let height: Int
    let channels: Int
    let maxValue: Int
    /// `P2`/`P3`: samples are decimal text; `P5`/`P6`: bytes (two big-endian bytes per sample
    /// when `maxValue` > 255).
    let isPlain: Bool
    /// Offset of the first raster byte.
    let rasterOffset: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(ImageError) {
        var scanner = PNMScanner(bytes: bytes, offset: 2)
        let kind = bytes[1]
        isPlain = kind == UInt8(ascii: "2") || kind == UInt8(ascii: "3")
        channels = kind == UInt8(ascii: "3") || kind == UInt8(ascii: "6") ? 3 : 1
        width = try scanner.number(file: file)
        height = try scanner.number(file: file)
        maxValue = try scanner.number(file: file)
        guard width > 0, height > 0 else {
            throw .corrupt(file: file, message: "PNM size \(width)×\(height) has no pixels")
        }
        guard (1...65535).contains(maxValue) else {
            throw .corrupt(file: file, message: "PNM maxval \(maxValue) is outside 1…65535")
        }
        // Exactly one whitespace byte separates the header from the raster.
        guard scanner.offset < bytes.count else { throw .truncated(file: file) }
        guard Self.isWhitespace(bytes[scanner.offset]) else {
            throw .corrupt(file: file, message: "PNM header does not end in whitespace")
        }
        rasterOffset = scanner.offset + 1
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}

/// Reads whitespace-separated decimal numbers, skipping `#` comments.
struct PNMScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset: Int

    /// The next number; throws `truncated` at the end of the data and `corrupt` on other text.
    mutating func number(file: String) throws(ImageError) -> Int {
        while offset < bytes.count {
            if PNMHeader.isWhitespace(bytes[offset]) {
                offset += 1
            } else if bytes[offset] == UInt8(ascii: "#") {
                while offset < bytes.count, bytes[offset] != 0x0A, bytes[offset] != 0x0D { offset += 1 }
            } else {
                break
            }
        }
        guard offset < bytes.count else { throw .truncated(file: file) }
        var value = 0
        var digits = 0
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
            value = value * 10 + Int(bytes[offset] - UInt8(ascii: "0"))
            digits += 1
            offset += 1
            // Nine digits already exceed any valid size or sample; stop before overflow.
            guard digits <= 9 else { throw .corrupt(file: file, message: "PNM number is too long") }
        }
        guard digits > 0 else {
            throw .corrupt(file: file, message: "PNM expected a number at byte \(offset)")
        }
        return value
    }
}

/// PGM/PPM decoding (P2, P3, P5, P6). Samples are rescaled from `0…maxval` to `0…255`, rounded;
/// values above maxval (invalid) are clamped.
enum PNMDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String,
                       limits: ImageLimits) throws(ImageError) -> Image {
        let header = try PNMHeader(bytes, file: file)
        guard limits.allows(width: header.width, height: header.height) else {
            throw .tooLarge(file: file, width: header.width, height: header.height, maxPixels: limits.maxPixels)
        }
        let count = header.width * header.height * header.channels
        let pixels = header.isPlain
            ? try plainSamples(bytes, header: header, count: count, file: file)
            : try binarySamples(bytes, header: header, count: count, file: file)
        return Image(width: header.width, height: header.height, channels: header.channels, pixels: pixels)
    }

    private static func binarySamples(_ bytes: UnsafeBufferPointer<UInt8>, header: PNMHeader,
                                      count: Int, file: String) throws(ImageError) -> [UInt8] {
        let wide = header.maxValue > 255
        let needed = count * (wide ? 2 : 1)
        guard bytes.count - header.rasterOffset >= needed else { throw .truncated(file: file) }
        let raster = UnsafeBufferPointer(rebasing: bytes[header.rasterOffset..<(header.rasterOffset + needed)])
        if header.maxValue == 255 { return Array(raster) }
        let maxValue = header.maxValue
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            if wide {
                for i in 0..<count {
                    let sample = Int(raster[2 &* i]) << 8 | Int(raster[2 &* i &+ 1])
                    out[i] = rescale(sample, maxValue)
                }
            } else {
                let table = (0..<256).map { rescale($0, maxValue) }
                table.withUnsafeBufferPointer { table in
                    for i in 0..<count { out[i] = table[Int(raster[i])] }
                }
            }
            initialized = count
        }
    }

    private static func plainSamples(_ bytes: UnsafeBufferPointer<UInt8>, header: PNMHeader,
                                     count: Int, file: String) throws(ImageError) -> [UInt8] {
        // Every sample takes at least two bytes (a separator and a digit): checking that first
        // keeps a tiny file claiming a huge size from reserving memory it cannot fill.
        guard bytes.count - header.rasterOffset + 1 >= 2 * count else { throw .truncated(file: file) }
        var scanner = PNMScanner(bytes: bytes, offset: header.rasterOffset - 1)
        var pixels = [UInt8]()
        pixels.reserveCapacity(count)
        for _ in 0..<count {
            pixels.append(rescale(try scanner.number(file: file), header.maxValue))
        }
        return pixels
    }

    /// `sample · 255 / maxValue`, rounded to nearest; out-of-range samples clamp to 255.
    @inline(__always)
    private static func rescale(_ sample: Int, _ maxValue: Int) -> UInt8 {
        UInt8((min(sample, maxValue) * 255 + maxValue / 2) / maxValue)
    }
}
