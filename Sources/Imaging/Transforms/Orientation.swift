/// How a stored image must be turned to stand upright: the EXIF orientation values 1–8, named
/// as in Apple's `CGImagePropertyOrientation`. The name says where the stored image's top ended
/// up: `.right` (6) is a photo taken with the phone turned, which must be rotated 90° clockwise.
public enum ImageOrientation: Int, Sendable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored
    /// 3: upside down: rotate 180°.
    case down
    /// 4: mirrored top to bottom.
    case downMirrored
    /// 5: transposed: mirrored across the main diagonal.
    case leftMirrored
    /// 6: rotate 90° clockwise.
    case right
    /// 7: transversed: mirrored across the anti-diagonal.
    case rightMirrored
    /// 8: rotate 90° counter-clockwise.
    case left

    /// Orientations 5–8 swap width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }
}

extension Image {
    /// The image turned upright from the given stored orientation.
    ///
    /// Every orientation maps an output pixel `(x, y)` to a stored pixel by a linear rule, so the
    /// source index is `origin + x·stepX + y·stepY` (in pixels) and one tight loop serves all eight.
    public func oriented(_ orientation: ImageOrientation) -> Image {
        let (w, h) = (width, height)
        let last = (h - 1) * w  // first pixel of the last stored row
        let (origin, stepX, stepY): (Int, Int, Int)
        switch orientation {
        case .up: (origin, stepX, stepY) = (0, 1, w)
        case .upMirrored: (origin, stepX, stepY) = (w - 1, -1, w)
        case .down: (origin, stepX, stepY) = (last + w - 1, -1, -w)
        case .downMirrored: (origin, stepX, stepY) = (last, 1, -w)
        case .leftMirrored: (origin, stepX, stepY) = (0, w, 1)
        case .right: (origin, stepX, stepY) = (last, -w, 1)
        case .rightMirrored: (origin, stepX, stepY) = (last + w - 1, -w, -1)
        case .left: (origin, stepX, stepY) = (w - 1, w, -1)
        }
        let (outWidth, outHeight) = orientation.swapsDimensions ? (h, w) : (w, h)
        guard !isEmpty else { return Image(width: outWidth, height: outHeight, channels: channels) }

        let c = channels
        let result = [UInt8](unsafeUninitializedCapacity: pixels.count) { out, initialized in
            pixels.withUnsafeBufferPointer { source in
                var o = 0
                for y in 0..<outHeight {
                    var s = origin &+ y &* stepY
                    if c == 1 {
                        for _ in 0..<outWidth {
                            out[o] = source[s]
                            o &+= 1
                            s &+= stepX
                        }
                    } else {
                        for _ in 0..<outWidth {
                            let k = s &* 3
                            out[o] = source[k]
                            out[o &+ 1] = source[k &+ 1]
                            out[o &+ 2] = source[k &+ 2]
                            o &+= 3
                            s &+= stepX
                        }
                    }
                }
            }
            initialized = pixels.count
        }
        return Image(width: outWidth, height: outHeight, channels: c, pixels: result)
    }
}
