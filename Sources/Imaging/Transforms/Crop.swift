extension Image {
    /// The part of the image inside the rectangle at `(x, y)` of size `width × height`, clamped
    /// to the image: a face box that runs off the edge gives the visible part.
    ///
    /// A rectangle that misses the image entirely (or has no area) gives an empty image
    /// (`0 × 0`, same channels) rather than an error, so callers test ``isEmpty``.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> Image {
        let left = max(x, 0), top = max(y, 0)
        let right = min(x + max(width, 0), self.width), bottom = min(y + max(height, 0), self.height)
        guard left < right, top < bottom else { return Image(width: 0, height: 0, channels: channels) }

        let rowBytes = (right - left) * channels
        let rows = bottom - top
        let cropped = [UInt8](unsafeUninitializedCapacity: rowBytes * rows) { out, initialized in
            pixels.withUnsafeBufferPointer { source in
                for row in 0..<rows {
                    let start = ((top + row) * self.width + left) * channels
                    _ = UnsafeMutableBufferPointer(rebasing: out[(row * rowBytes)..<((row + 1) * rowBytes)])
                        .initialize(fromContentsOf: source[start..<(start + rowBytes)])
                }
            }
            initialized = rowBytes * rows
        }
        return Image(width: right - left, height: rows, channels: channels, pixels: cropped)
    }
}
