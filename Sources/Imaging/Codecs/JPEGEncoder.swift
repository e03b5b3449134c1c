import CTurboJPEG

extension Image {
    /// The image as a baseline JPEG file made with libjpeg-turbo.
    ///
    /// `quality` runs from 1 (smallest) to 100 (best) and is clamped to that range. Colour images
    /// use 4:2:0 chroma subsampling, the usual default of libjpeg, PIL and OpenCV; gray images
    /// are written as single-component JPEGs. Throws ``ImageError/encodingFailed(format:message:)``.
    public func jpegData(quality: Int = 90) throws(ImageError) -> [UInt8] {
        guard let encoder = tjInitCompress() else {
            throw .encodingFailed(format: "JPEG", message: "libjpeg-turbo could not start an encoder (out of memory?)")
        }
        defer { tjDestroy(encoder) }
        guard let width = Int32(exactly: width), let height = Int32(exactly: height) else {
            throw .encodingFailed(format: "JPEG", message: "\(self.width)×\(self.height) is too large for JPEG")
        }
        let format = channels == 3 ? TJPF_RGB : TJPF_GRAY
        let subsampling = channels == 3 ? TJSAMP_420 : TJSAMP_GRAY
        // TurboJPEG allocates the output buffer; it is copied out and freed with tjFree.
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { tjFree(output) }
        let status = pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(encoder, pixels.baseAddress, width, 0, height, Int32(format.rawValue),
                        &output, &size, Int32(subsampling.rawValue), Int32(min(max(quality, 1), 100)), 0)
        }
        guard status == 0, let output else {
            let message = tjGetErrorStr2(encoder).map { String(cString: $0) } ?? "unknown libjpeg-turbo error"
            throw .encodingFailed(format: "JPEG", message: message)
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
