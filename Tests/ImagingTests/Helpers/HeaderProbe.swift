/// What an image file's header claims, read with a parser written for the tests alone, to check
/// the decoders against: JPEG SOFn and EXIF orientation, PNG IHDR, PNM header.
struct HeaderProbe: Equatable {
    enum Kind { case jpeg, png, pnm, webp }
    var kind: Kind
    var width: Int
    var height: Int
    var channels: Int
    /// EXIF orientation of a JPEG (1 when absent).
    var orientation = 1

    init?(_ bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xD8]) {
            guard let probe = Self.jpeg(bytes) else { return nil }
            self = probe
        } else if bytes.starts(with: PNGBuilder.signature), bytes.count >= 26 {
            let colorType = bytes[25]
            // 0 gray, 4 gray+alpha → gray; 2 RGB, 3 palette, 6 RGBA → RGB.
            self.init(kind: .png, width: Self.be(bytes, 16, 4), height: Self.be(bytes, 20, 4),
                      channels: colorType == 0 || colorType == 4 ? 1 : 3)
        } else if bytes.count > 2, bytes[0] == UInt8(ascii: "P") {
            let text = String(decoding: bytes.prefix(200), as: UTF8.self)
            let uncommented = text.split(separator: "\n").map { $0.prefix { $0 != "#" } }.joined(separator: " ")
            let tokens = uncommented.split(whereSeparator: \.isWhitespace).map(String.init)
            guard tokens.count >= 3, let width = Int(tokens[1]), let height = Int(tokens[2]) else { return nil }
            self.init(kind: .pnm, width: width, height: height, channels: tokens[0] == "P6" || tokens[0] == "P3" ? 3 : 1)
        } else if bytes.starts(with: Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) {
            self.init(kind: .webp, width: 0, height: 0, channels: 0)
        } else {
            return nil
        }
    }

    init(kind: Kind, width: Int, height: Int, channels: Int, orientation: Int = 1) {
        self.kind = kind
        self.width = width
        self.height = height
        self.channels = channels
        self.orientation = orientation
    }

    static func be(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> Int {
        bytes[offset..<(offset + size)].reduce(0) { $0 << 8 | Int($1) }
    }

    /// Offset of the first SOFn marker (C0–CF except C4 DHT, C8 JPG, CC DAC), before the first scan.
    static func startOfFrame(_ bytes: [UInt8]) -> Int? {
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF {
            let marker = bytes[i + 1]
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) { return i }
            if marker == 0xDA { return nil }
            i += 2 + be(bytes, i + 2, 2)
        }
        return nil
    }

    private static func jpeg(_ bytes: [UInt8]) -> HeaderProbe? {
        guard let sof = startOfFrame(bytes), sof + 10 <= bytes.count else { return nil }
        var probe = HeaderProbe(kind: .jpeg, width: be(bytes, sof + 7, 2), height: be(bytes, sof + 5, 2),
                                channels: bytes[sof + 9] == 1 ? 1 : 3)
        probe.orientation = exifOrientation(bytes) ?? 1
        return probe
    }

    /// The IFD0 orientation tag of the first APP1 Exif segment, if any.
    private static func exifOrientation(_ bytes: [UInt8]) -> Int? {
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF, bytes[i + 1] != 0xDA {
            let marker = bytes[i + 1]
            let length = be(bytes, i + 2, 2)
            let segment = Array(bytes[min(i + 4, bytes.count)..<min(i + 2 + length, bytes.count)])
            i += 2 + length
            guard marker == 0xE1, segment.starts(with: Array("Exif".utf8) + [0, 0]) else { continue }
            let tiff = Array(segment.dropFirst(6))
            let little = tiff.starts(with: [0x49, 0x49])
            func read(_ offset: Int, _ size: Int) -> Int? {
                guard offset >= 0, offset + size <= tiff.count else { return nil }
                let field = tiff[offset..<(offset + size)]
                return (little ? field.reversed() : Array(field)).reduce(0) { $0 << 8 | Int($1) }
            }
            guard let ifd = read(4, 4), let count = read(ifd, 2) else { return nil }
            for entry in 0..<count where read(ifd + 2 + 12 * entry, 2) == 0x0112 {
                return read(ifd + 2 + 12 * entry + 8, 2)
            }
            return nil
        }
        return nil
    }
}
