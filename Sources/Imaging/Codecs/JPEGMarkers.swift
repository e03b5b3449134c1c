/// What the marker segments before a JPEG's first scan say: the EXIF orientation, and whether
/// the header is complete.
///
/// A JPEG is a sequence of segments, each `FF xx` followed (for most markers) by a big-endian
/// length that counts itself. Walking them is cheap and needs no decoder, and it answers two
/// questions libjpeg does not: how the camera was held (APP1 "Exif"), and whether a failed header
/// means the file was cut short rather than damaged.
struct JPEGMarkers {
    enum Ending {
        /// The walk reached the start-of-scan segment: the header is complete.
        case scan
        /// The data ran out before the first scan.
        case endOfData
        /// Bytes that are not a marker where one must be, or an impossible length.
        case malformed
    }

    var orientation: ImageOrientation = .up
    var ending: Ending = .endOfData

    init(_ jpeg: UnsafeBufferPointer<UInt8>) {
        var sawExif = false
        var i = 2  // after SOI
        while true {
            guard i < jpeg.count else { return }
            guard jpeg[i] == 0xFF else { ending = .malformed; return }
            while i < jpeg.count, jpeg[i] == 0xFF { i += 1 }  // fill bytes may pad any marker
            guard i < jpeg.count else { return }
            let marker = jpeg[i]
            i += 1
            // TEM and RSTn stand alone, without a length.
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
            // SOI again, or EOI, before any scan: not an image.
            if marker == 0xD8 || marker == 0xD9 { ending = .malformed; return }
            guard i + 2 <= jpeg.count else { return }
            let length = Int(jpeg[i]) << 8 | Int(jpeg[i + 1])
            guard length >= 2 else { ending = .malformed; return }
            guard i + length <= jpeg.count else { return }
            if marker == 0xDA { ending = .scan; return }
            if marker == 0xE1, !sawExif,
               let found = Exif.orientation(app1: UnsafeBufferPointer(rebasing: jpeg[(i + 2)..<(i + length)])) {
                // Only the first Exif segment counts; a later APP1 is usually XMP.
                orientation = found
                sawExif = true
            }
            i += length
        }
    }
}
