import CPNG

/// PNG decoding with libpng's simplified API.
///
/// libpng's classic API reports errors by `longjmp`, which would jump over Swift frames and
/// corrupt the program. The simplified API (`png_image_*`) catches those jumps inside libpng and
/// returns a status and a message instead, so it is the only safe way to call libpng from Swift.
///
/// Every PNG variant (1–16 bits, gray, gray+alpha, palette, RGB, RGBA) becomes 8-bit gray or RGB:
/// palettes are expanded, alpha is dropped (the colour values are kept as stored, not blended
/// onto a background), and 16-bit samples are reduced to 8 bits.
enum PNGDecoder {
    static func decode(_ png: UnsafeBufferPointer<UInt8>, file: String,
                       limits: ImageLimits) throws(ImageError) -> Image {
        var control = png_image()
        control.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&control) }

        guard png_image_begin_read_from_memory(&control, png.baseAddress, png.count) != 0 else {
            throw failure(control, png, file)
        }
        let width = Int(control.width), height = Int(control.height)
        guard limits.allows(width: width, height: height) else {
            throw .tooLarge(file: file, width: width, height: height, maxPixels: limits.maxPixels)
        }
        let color = control.format & PNG_FORMAT_FLAG_COLOR != 0
        let alpha = control.format & PNG_FORMAT_FLAG_ALPHA != 0
        let channels = color ? 3 : 1
        let decodedChannels = channels + (alpha ? 1 : 0)
        guard let rowStride = Int32(exactly: width * decodedChannels) else {
            throw .tooLarge(file: file, width: width, height: height, maxPixels: limits.maxPixels)
        }
        // Ask for alpha whenever the file has it, so libpng does not composite; drop it below.
        control.format = (color ? PNG_FORMAT_RGB : UInt32(PNG_FORMAT_GRAY)) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0)
        // Without this flag libpng takes 16-bit samples as linear light and gamma-encodes them on
        // the way to 8 bits, brightening the picture. Files in the wild are sRGB-encoded like
        // 8-bit ones, and every other decoder simply scales them.
        control.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)

        var status: Int32 = 0
        let decoded = [UInt8](unsafeUninitializedCapacity: width * height * decodedChannels) { buffer, count in
            status = png_image_finish_read(&control, nil, buffer.baseAddress, rowStride, nil)
            count = buffer.count
        }
        guard status != 0 else { throw failure(control, png, file) }
        let pixels = alpha ? dropAlpha(decoded, channels: channels) : decoded
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Keeps the first `channels` of every `channels + 1` bytes.
    private static func dropAlpha(_ decoded: [UInt8], channels: Int) -> [UInt8] {
        let stride = channels + 1
        let count = decoded.count / stride
        return [UInt8](unsafeUninitializedCapacity: count * channels) { out, initialized in
            decoded.withUnsafeBufferPointer { source in
                if channels == 3 {
                    for i in 0..<count {
                        out[3 &* i] = source[4 &* i]
                        out[3 &* i &+ 1] = source[4 &* i &+ 1]
                        out[3 &* i &+ 2] = source[4 &* i &+ 2]
                    }
                } else {
                    for i in 0..<count { out[i] = source[2 &* i] }
                }
            }
            initialized = count * channels
        }
    }

    /// The error for a failed libpng call: a PNG whose chunks stop before `IEND` was cut short;
    /// anything else is corrupt, in libpng's words.
    private static func failure(_ control: png_image, _ png: UnsafeBufferPointer<UInt8>, _ file: String) -> ImageError {
        if endsBeforeIEND(png) { return .truncated(file: file) }
        let message = withUnsafeBytes(of: control.message) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return .corrupt(file: file, message: message.isEmpty ? "libpng gave no reason" : message)
    }

    /// Walks the chunk list (`length`, `type`, data, CRC) after the 8-byte signature and tells
    /// whether the data runs out before a complete `IEND` chunk.
    private static func endsBeforeIEND(_ png: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let isIEND = png[(offset + 4)..<(offset + 8)].elementsEqual([0x49, 0x45, 0x4E, 0x44])
            // Lengths above 2³¹−1 are invalid; such a file is corrupt rather than short.
            guard length <= Int(Int32.max) else { return false }
            offset += 12 + length
            if isIEND { return offset > png.count }
        }
        return true
    }
}
