import CPNG

extension Image {
    /// The image as a PNG file (8-bit gray or RGB, lossless), made with libpng's simplified API.
    /// Throws ``ImageError/encodingFailed(format:message:)`` for an empty image, which PNG cannot hold.
    public func pngData() throws(ImageError) -> [UInt8] {
        var control = png_image()
        control.version = UInt32(PNG_IMAGE_VERSION)
        control.width = UInt32(clamping: width)
        control.height = UInt32(clamping: height)
        control.format = channels == 3 ? PNG_FORMAT_RGB : UInt32(PNG_FORMAT_GRAY)
        defer { png_image_free(&control) }

        // The first call, without a buffer, measures; the second writes.
        var size = 0
        var png = [UInt8]()
        var status = pixels.withUnsafeBytes { pixels in
            png_image_write_to_memory(&control, nil, &size, 0, pixels.baseAddress, 0, nil)
        }
        if status != 0 {
            png = [UInt8](repeating: 0, count: size)
            status = png.withUnsafeMutableBytes { output in
                pixels.withUnsafeBytes { pixels in
                    png_image_write_to_memory(&control, output.baseAddress, &size, 0, pixels.baseAddress, 0, nil)
                }
            }
        }
        guard status != 0 else {
            let message = withUnsafeBytes(of: control.message) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw .encodingFailed(format: "PNG", message: message.isEmpty ? "libpng gave no reason" : message)
        }
        png.removeLast(png.count - size)
        return png
    }
}
