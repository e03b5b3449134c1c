/// The container formats Footfall decodes, recognised by their first bytes ("magic numbers"),
/// never by the file extension: photos arrive renamed (a WebP saved as `.jpg` is common).
enum ImageFormat {
    case jpeg
    case png
    /// Netpbm gray or colour map: `P5`/`P6` binary or `P2`/`P3` plain text.
    case pnm

    /// Identifies the format of `bytes`, or throws ``ImageError/unsupportedFormat(file:detail:)``
    /// naming what the bytes look like instead.
    init(sniffing bytes: UnsafeBufferPointer<UInt8>, file: String) throws(ImageError) {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.count >= 3, bytes[0] == UInt8(ascii: "P"),
                  [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].contains(bytes[1]),
                  PNMHeader.isWhitespace(bytes[2]) {
            self = .pnm
        } else {
            throw .unsupportedFormat(file: file, detail: Self.describe(bytes))
        }
    }

    /// A human name for data that is not one of ours, so the error says what to convert from.
    private static func describe(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        func ascii(_ range: Range<Int>) -> String? {
            guard bytes.count >= range.upperBound else { return nil }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        if ascii(0..<4) == "RIFF", ascii(8..<12) == "WEBP" { return "a WebP image" }
        if ascii(0..<4) == "GIF8" { return "a GIF image" }
        if ascii(0..<2) == "BM" { return "a BMP image" }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return "a TIFF image"
        }
        if ascii(4..<8) == "ftyp" { return "an ISO media file (HEIC, AVIF or video)" }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "7")).contains(bytes[1]) {
            return "a Netpbm variant other than P2/P3/P5/P6"
        }
        return "not a recognised image format"
    }
}
