/// An 8-bit image in memory: rows top to bottom, pixels left to right, channels interleaved.
///
/// Footfall works with two pixel layouts: grayscale (`channels == 1`) and RGB (`channels == 3`).
/// Decoders drop alpha and expand palettes, so every image that reaches a network is one of these.
/// Networks want planar floats instead; ``planarFloats(mean:scale:)`` makes that view.
public struct Image: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 1 for grayscale, 3 for RGB.
    public let channels: Int
    /// `height * width * channels` bytes, row-major, channels interleaved.
    public var pixels: [UInt8]

    /// Wraps existing pixel bytes; `pixels.count` must equal `width * height * channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(channels == 1 || channels == 3, "Image supports 1 (gray) or 3 (RGB) channels, not \(channels)")
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * channels,
                     "pixel buffer of \(pixels.count) bytes does not match \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// A black image.
    public init(width: Int, height: Int, channels: Int) {
        self.init(width: width, height: height, channels: channels,
                  pixels: [UInt8](repeating: 0, count: width * height * channels))
    }

    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The value of channel `c` at column `x`, row `y`.
    @inlinable
    public subscript(x: Int, y: Int, c: Int) -> UInt8 {
        get { pixels[(y * width + x) * channels + c] }
        set { pixels[(y * width + x) * channels + c] = newValue }
    }

    /// Planar Float32 copy for a network: all of channel 0, then channel 1, then channel 2,
    /// each value `(pixel − mean[c]) · scale`. A gray image is repeated into three planes when
    /// `planes == 3`, which is how dlib and most networks treat grayscale input.
    public func planarFloats(planes: Int = 3, mean: [Float] = [0, 0, 0], scale: Float = 1) -> [Float] {
        precondition(planes == channels || (channels == 1 && planes == 3), "cannot make \(planes) planes from \(channels) channels")
        precondition(mean.count >= planes, "one mean per plane is needed")
        let area = width * height
        var out = [Float](repeating: 0, count: area * planes)
        out.withUnsafeMutableBufferPointer { dst in
            pixels.withUnsafeBufferPointer { src in
                for p in 0..<planes {
                    let c = channels == 1 ? 0 : p
                    let m = mean[p]
                    let plane = p * area
                    for i in 0..<area {
                        dst[plane + i] = (Float(src[i * channels + c]) - m) * scale
                    }
                }
            }
        }
        return out
    }
}
