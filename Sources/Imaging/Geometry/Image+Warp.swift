extension Image {
    /// Resamples this image through an affine map: output pixel `(c, r)` takes the value of this
    /// image at the point `transform((c, r))`, interpolated bilinearly between the four pixels
    /// around it. Gray stays gray and RGB stays RGB.
    ///
    /// The transform maps *output* coordinates to *source* coordinates, the direction a resampler
    /// needs (each output pixel asks where to look); pass `t.inverse` to push the image through `t`.
    ///
    /// Sampling follows dlib's `transform_image` with `interpolate_bilinear` exactly, so that face
    /// chips come out byte for byte as dlib's: a point whose four neighbours are not all inside the
    /// image gives black (so even the identity map blackens the last column and row), and
    /// interpolated values are truncated towards zero rather than rounded.
    public func warped(width: Int, height: Int, sampling transform: AffineMap) -> Image {
        let width = max(width, 0), height = max(height, 0)
        var output = [UInt8](repeating: 0, count: width * height * channels)
        let channels = channels, sourceWidth = self.width
        // The last column and row that can be a sample's top-left neighbour, as doubles, so the
        // bounds test also rejects NaN and infinite coordinates before any integer conversion.
        let lastLeft = Double(self.width - 1), lastTop = Double(self.height - 1)

        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                // dlib's formula for one channel: blend across, then down, in double precision.
                // Interpolation never leaves 0...255 by more than rounding, and truncation takes
                // any such overshoot back inside (dlib clamps, then truncates).
                func blend(_ topLeft: Int, _ bottomLeft: Int, _ across: Double, _ down: Double) -> UInt8 {
                    let upper = (1 - across) * Double(source[topLeft]) + across * Double(source[topLeft &+ channels])
                    let lower = (1 - across) * Double(source[bottomLeft]) + across * Double(source[bottomLeft &+ channels])
                    return UInt8(truncatingIfNeeded: Int((1 - down) * upper + down * lower))
                }
                for r in 0..<height {
                    for c in 0..<width {
                        let p = transform.apply(SIMD2(Double(c), Double(r)))
                        guard p.x >= 0, p.x < lastLeft, p.y >= 0, p.y < lastTop else { continue }
                        let left = p.x.rounded(.down), top = p.y.rounded(.down)
                        let across = p.x - left, down = p.y - top
                        let topLeft = (Int(top) &* sourceWidth &+ Int(left)) &* channels
                        let bottomLeft = topLeft &+ sourceWidth &* channels
                        let out = (r &* width &+ c) &* channels
                        // Spelled out per layout so that the compiler sees a fixed channel count.
                        if channels == 3 {
                            destination[out] = blend(topLeft, bottomLeft, across, down)
                            destination[out &+ 1] = blend(topLeft &+ 1, bottomLeft &+ 1, across, down)
                            destination[out &+ 2] = blend(topLeft &+ 2, bottomLeft &+ 2, across, down)
                        } else {
                            destination[out] = blend(topLeft, bottomLeft, across, down)
                        }
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: output)
    }
}
