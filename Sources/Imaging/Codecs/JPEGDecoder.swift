import CTurboJPEG

/// JPEG decoding with libjpeg-turbo's TurboJPEG API.
///
/// The header is read first and its size checked against the limits before any pixel memory is
/// allocated. Grayscale JPEGs decode to one channel, all others to RGB; the EXIF orientation is
/// then applied.
enum JPEGDecoder {
    static func decode(_ jpeg: UnsafeBufferPointer<UInt8>, file: String,
                       limits: ImageLimits) throws(ImageError) -> Image {
        let markers = JPEGMarkers(jpeg)
        guard let decoder = tjInitDecompress() else {
            throw .corrupt(file: file, message: "libjpeg-turbo could not start a decoder (out of memory?)")
        }
        defer { tjDestroy(decoder) }

        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(decoder, jpeg.baseAddress, UInt(jpeg.count),
                                  &width, &height, &subsampling, &colorspace) == 0 else {
            switch markers.ending {
            case .endOfData: throw .truncated(file: file)
            case .scan, .malformed: throw .corrupt(file: file, message: message(decoder))
            }
        }
        guard limits.allows(width: Int(width), height: Int(height)) else {
            throw .tooLarge(file: file, width: Int(width), height: Int(height), maxPixels: limits.maxPixels)
        }
        if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
            throw .unsupportedFormat(file: file, detail: "a CMYK JPEG")
        }

        let gray = colorspace == Int32(TJCS_GRAY.rawValue)
        let channels = gray ? 1 : 3
        let format = gray ? TJPF_GRAY : TJPF_RGB
        var status: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: Int(width) * Int(height) * channels) { buffer, count in
            // LIMITSCANS refuses progressive files with absurd scan counts, a known way to make
            // a tiny file cost minutes of CPU.
            status = tjDecompress2(decoder, jpeg.baseAddress, UInt(jpeg.count), buffer.baseAddress,
                                   width, 0, height, Int32(format.rawValue), TJFLAG_LIMITSCANS)
            count = buffer.count
        }
        if status != 0 {
            let text = message(decoder)
            // libjpeg reports a missing end of data as a warning and fills the rest with gray.
            // That is a truncated file, not a picture; other warnings (stray bytes between
            // markers, say) leave a good image and are tolerated, as every viewer does.
            if text.contains("Premature end") { throw .truncated(file: file) }
            if tjGetErrorCode(decoder) != Int32(TJERR_WARNING.rawValue) {
                throw .corrupt(file: file, message: text)
            }
        }
        let image = Image(width: Int(width), height: Int(height), channels: channels, pixels: pixels)
        return markers.orientation == .up ? image : image.oriented(markers.orientation)
    }

    private static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown libjpeg-turbo error" }
        return String(cString: text)
    }
}
