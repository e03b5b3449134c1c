extension Image {
    /// dlib's `pyramid_down<2>`: this image blurred with the 5×5 binomial filter
    /// `[1 4 6 4 1]ᵀ[1 4 6 4 1] / 256` and halved, with the filter applied only where it fits
    /// entirely inside the image (no border padding).
    ///
    /// The result is `(width − 3) / 2 × (height − 3) / 2` (integer division); output pixel
    /// `(c, r)` is centred on source pixel `(2c + 2, 2r + 2)`; sums are truncated by the final
    /// division, as dlib's integer arithmetic does. An image 8 pixels or less across or down gives
    /// an empty image, as in dlib. Gray stays gray and RGB stays RGB, each channel filtered alone.
    ///
    /// dlib's chip extraction downsamples with this pyramid before bilinear sampling when a chip
    /// is less than half the size of its source region; reproducing dlib's chips needs it exactly.
    public func pyramidDown() -> Image {
        guard width > 8, height > 8 else { return Image(width: 0, height: 0, channels: channels) }
        let outWidth = (width - 3) / 2, outHeight = (height - 3) / 2
        let channels = channels, rowLength = width * channels, outRowLength = outWidth * channels
        let usedRows = 2 * outHeight + 3
        var rowFiltered = [Int32](repeating: 0, count: usedRows * outRowLength)
        var output = [UInt8](repeating: 0, count: outHeight * outRowLength)

        // Index and sum arithmetic cannot overflow (sums stay below 16·16·255), so it is written
        // with wrapping operators, which lets the compiler vectorise the loops.
        pixels.withUnsafeBufferPointer { source in
            rowFiltered.withUnsafeMutableBufferPointer { rows in
                for r in 0..<usedRows {
                    let sourceRow = r &* rowLength, row = r &* outRowLength
                    for c in 0..<outWidth {
                        // The five taps of output column c start at source column 2c.
                        let first = sourceRow &+ 2 &* c &* channels
                        for k in 0..<channels {
                            let tap = first &+ k
                            rows[row &+ c &* channels &+ k] = Int32(source[tap])
                                &+ 4 &* Int32(source[tap &+ channels]) &+ 6 &* Int32(source[tap &+ 2 &* channels])
                                &+ 4 &* Int32(source[tap &+ 3 &* channels]) &+ Int32(source[tap &+ 4 &* channels])
                        }
                    }
                }
            }
        }
        rowFiltered.withUnsafeBufferPointer { rows in
            output.withUnsafeMutableBufferPointer { destination in
                for r in 0..<outHeight {
                    let centre = (2 &* r &+ 2) &* outRowLength, out = r &* outRowLength
                    for i in 0..<outRowLength {
                        let sum = rows[centre &- 2 &* outRowLength &+ i] &+ 4 &* rows[centre &- outRowLength &+ i]
                            &+ 6 &* rows[centre &+ i]
                            &+ 4 &* rows[centre &+ outRowLength &+ i] &+ rows[centre &+ 2 &* outRowLength &+ i]
                        destination[out &+ i] = UInt8(truncatingIfNeeded: sum / 256)
                    }
                }
            }
        }
        return Image(width: outWidth, height: outHeight, channels: channels, pixels: output)
    }

    /// Where a point of an image lands in its ``pyramidDown()``, by dlib's own convention
    /// (`pyramid_down<2>::point_down`): `p / 2 − (1.25, 0.75)`.
    ///
    /// The filter itself centres output pixel `c` on source pixel `2c + 2`, which would be
    /// `p / 2 − 1`; dlib's mapping is offset from that by a quarter pixel (left in x, down in y).
    /// Chip extraction uses dlib's mapping, because matching dlib's chips is the point.
    public static let pyramidDownMapping = AffineMap(
        m00: 0.5, m01: 0, m10: 0, m11: 0.5, translation: SIMD2(-1.25, -0.75))
}
