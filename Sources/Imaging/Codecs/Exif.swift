/// Reads the orientation tag from an EXIF block, defensively: the block comes straight from a
/// file, so every offset is checked against the block's length before it is followed.
///
/// Layout (EXIF 2.3, TIFF 6.0): `"Exif\0\0"`, then a TIFF header — `"II"` (little-endian) or
/// `"MM"` (big-endian), the number 42, the offset of IFD0 from the TIFF header's start — then IFD0:
/// a 2-byte entry count and 12-byte entries `tag, type, count, value`. Orientation is tag 0x0112,
/// type SHORT (3), count 1, its value in the first two bytes of the value field.
enum Exif {
    /// The orientation in the payload of an APP1 segment (after its length), or `nil` when the
    /// segment is not EXIF, is malformed, or carries no valid orientation (values other than 1–8).
    static func orientation(app1 payload: UnsafeBufferPointer<UInt8>) -> ImageOrientation? {
        let signature: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"
        guard payload.starts(with: signature) else { return nil }
        let tiff = TIFFBytes(UnsafeBufferPointer(rebasing: payload[signature.count...]))
        guard let tiff, tiff.uint16(at: 2) == 42, let ifd = tiff.uint32(at: 4),
              let entries = tiff.uint16(at: ifd) else { return nil }
        for index in 0..<entries {
            let entry = ifd + 2 + 12 * index
            guard let tag = tiff.uint16(at: entry) else { return nil }
            guard tag == 0x0112 else { continue }
            guard tiff.uint16(at: entry + 2) == 3, let count = tiff.uint32(at: entry + 4), count >= 1,
                  let value = tiff.uint16(at: entry + 8) else { return nil }
            return ImageOrientation(rawValue: value)
        }
        return nil
    }

    /// Bounds-checked integer reads in the byte order the TIFF header declares.
    private struct TIFFBytes {
        let bytes: UnsafeBufferPointer<UInt8>
        let bigEndian: Bool

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count >= 8 else { return nil }
            switch (bytes[0], bytes[1]) {
            case (0x49, 0x49): bigEndian = false  // "II"
            case (0x4D, 0x4D): bigEndian = true   // "MM"
            default: return nil
            }
            self.bytes = bytes
        }

        func uint16(at offset: Int) -> Int? { integer(at: offset, size: 2) }
        func uint32(at offset: Int) -> Int? { integer(at: offset, size: 4) }

        private func integer(at offset: Int, size: Int) -> Int? {
            guard offset >= 0, offset <= bytes.count - size else { return nil }
            var value = 0
            for k in 0..<size {
                let byte = Int(bytes[offset + (bigEndian ? k : size - 1 - k)])
                value = value << 8 | byte
            }
            return value
        }
    }
}
