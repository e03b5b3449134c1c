extension Image {
    /// A `width × height` copy by bilinear interpolation.
    ///
    /// Sampling convention: pixel centres are aligned, not corners. Output pixel `X` samples the
    /// source at `sx = (X + 0.5) · srcWidth / width − 0.5` (likewise for rows), clamped to
    /// `0 … srcWidth − 1`, and blends the two nearest source pixels on each axis; results are
    /// rounded to nearest. This is OpenCV's `INTER_LINEAR`. Like it, there is no low-pass filter
    /// when shrinking, so reductions by more than 2× alias: shrink in halving steps (or with a
    /// pyramid) first. Resizing an empty image gives a black one of the requested size.
    public func resized(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth >= 0 && newHeight >= 0, "cannot resize to \(newWidth)×\(newHeight)")
        guard !isEmpty, newWidth > 0, newHeight > 0 else {
            return Image(width: newWidth, height: newHeight, channels: channels)
        }
        let c = channels
        let columns = Self.samples(count: newWidth, source: width, step: c)
        let rows = Self.samples(count: newHeight, source: height, step: width * c)
        let resized = [UInt8](unsafeUninitializedCapacity: newWidth * newHeight * c) { out, initialized in
            pixels.withUnsafeBufferPointer { source in
                columns.withUnsafeBufferPointer { columns in
                    var o = 0
                    for row in rows {
                        for column in columns {
                            let p00 = row.first &+ column.first, p01 = row.first &+ column.second
                            let p10 = row.second &+ column.first, p11 = row.second &+ column.second
                            // Written out for RGB, the common case, so the compiler keeps it flat.
                            if c == 3 {
                                for k in 0..<3 {
                                    out[o &+ k] = Self.blend(source[p00 &+ k], source[p01 &+ k], source[p10 &+ k],
                                                             source[p11 &+ k], column.weight, row.weight)
                                }
                            } else {
                                out[o] = Self.blend(source[p00], source[p01], source[p10], source[p11],
                                                    column.weight, row.weight)
                            }
                            o &+= c
                        }
                    }
                }
            }
            initialized = newWidth * newHeight * c
        }
        return Image(width: newWidth, height: newHeight, channels: c, pixels: resized)
    }

    /// Bilinear blend of a 2×2 neighbourhood, each lerp written as `a + (b − a)·w` so that a flat
    /// region stays exactly flat; rounded to nearest.
    @inline(__always)
    private static func blend(_ topLeft: UInt8, _ topRight: UInt8, _ bottomLeft: UInt8, _ bottomRight: UInt8,
                              _ wx: Float, _ wy: Float) -> UInt8 {
        let top = Float(topLeft) + (Float(topRight) - Float(topLeft)) * wx
        let bottom = Float(bottomLeft) + (Float(bottomRight) - Float(bottomLeft)) * wx
        return UInt8(top + (bottom - top) * wy + 0.5)
    }

    /// Where each of `count` output positions samples a line of `source` pixels: the offsets
    /// (index × `step`) of the two source pixels to blend and the weight of the second.
    private static func samples(count: Int, source: Int, step: Int) -> [(first: Int, second: Int, weight: Float)] {
        let scale = Double(source) / Double(count)
        return (0..<count).map { index in
            let position = min(max((Double(index) + 0.5) * scale - 0.5, 0), Double(source - 1))
            let first = Int(position)
            return (first * step, min(first + 1, source - 1) * step, Float(position - Double(first)))
        }
    }
}
