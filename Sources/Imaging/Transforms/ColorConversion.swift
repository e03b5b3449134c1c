extension Image {
    /// A one-channel copy with ITU-R BT.601 luma, `Y = 0.299 R + 0.587 G + 0.114 B` rounded to
    /// nearest (the weights of JPEG, PIL and OpenCV). A gray image is returned unchanged.
    public func grayscale() -> Image {
        guard channels == 3 else { return self }
        let count = width * height
        let gray = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            pixels.withUnsafeBufferPointer { rgb in
                for i in 0..<count {
                    // Weights in thousandths sum to exactly 1000, so white stays 255; +500 rounds.
                    let r = UInt32(rgb[3 &* i]), g = UInt32(rgb[3 &* i &+ 1]), b = UInt32(rgb[3 &* i &+ 2])
                    out[i] = UInt8(truncatingIfNeeded: (299 &* r &+ 587 &* g &+ 114 &* b &+ 500) / 1000)
                }
            }
            initialized = count
        }
        return Image(width: width, height: height, channels: 1, pixels: gray)
    }

    /// A three-channel copy: each gray value repeated as R, G and B. An RGB image is returned
    /// unchanged.
    public func rgb() -> Image {
        guard channels == 1 else { return self }
        let count = width * height
        let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            pixels.withUnsafeBufferPointer { gray in
                for i in 0..<count {
                    let v = gray[i]
                    out[3 &* i] = v
                    out[3 &* i &+ 1] = v
                    out[3 &* i &+ 2] = v
                }
            }
            initialized = count * 3
        }
        return Image(width: width, height: height, channels: 3, pixels: rgb)
    }
}
