/// Builds an APP1 Exif segment holding an orientation tag and splices it into a JPEG right after
/// its SOI marker, the way a camera writes it.
enum ExifSegment {
    /// A complete APP1 segment: marker, length, `"Exif\0\0"`, TIFF header, IFD0 with one entry.
    /// `type` and `count` default to the valid SHORT × 1; tests pass others to check robustness.
    static func app1(orientation: Int, bigEndian: Bool, type: Int = 3, count: Int = 1,
                     ifdOffset: Int = 8, entryCount: Int = 1) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] {
            let bytes = [UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
            return bigEndian ? bytes : bytes.reversed()
        }
        func u32(_ v: Int) -> [UInt8] {
            let bytes = [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16),
                         UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
            return bigEndian ? bytes : bytes.reversed()
        }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(ifdOffset)
        tiff += u16(entryCount)
        tiff += u16(0x0112) + u16(type) + u32(count) + u16(orientation) + [0, 0]
        tiff += u32(0)  // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static func insert(_ segment: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
        Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }
}
