/// Bounds a decoder enforces before it allocates pixel memory.
///
/// A header is a promise the rest of the file may not keep: a 100-byte PNG can claim to be
/// 100000×100000 pixels. Decoders read the header first and refuse an image whose
/// `width × height` exceeds ``maxPixels``, so hostile or damaged files cannot exhaust memory.
public struct ImageLimits: Sendable, Equatable {
    /// The largest `width × height` accepted.
    public var maxPixels: Int

    public init(maxPixels: Int) {
        self.maxPixels = maxPixels
    }

    /// 64 mebipixels (`64 × 1024 × 1024` = 67,108,864 pixels, about 192 MiB as RGB): room for
    /// any camera photo, including 8K frames (33 megapixels) and 50-megapixel sensors.
    public static let `default` = ImageLimits(maxPixels: 64 * 1024 * 1024)

    /// Whether a `width × height` image fits, computed without overflow.
    func allows(width: Int, height: Int) -> Bool {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        return !overflow && pixels <= maxPixels
    }
}
