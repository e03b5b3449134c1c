extension MTCNN.NetworkInput {
    /// The value a network sees for a pixel value `v`: `(v − 127.5) · 0.0078125`, so that 0…255
    /// maps to about −1…1.
    @inline(__always)
    static func normalized(_ value: Float) -> Float { (value - 127.5) * 0.0078125 }

    /// One pyramid level as PNet's input: a batch of one, transposed and normalised. A gray
    /// image is read as RGB.
    public init(level image: Image) {
        let rgb = image.rgb()
        let width = rgb.width, height = rgb.height
        let values = [Float](unsafeUninitializedCapacity: width * height * 3) { out, initialized in
            rgb.pixels.withUnsafeBufferPointer { pixels in
                var o = 0
                // Column by column, so the writes are sequential in the transposed layout.
                for x in 0..<width {
                    for y in 0..<height {
                        let s = (y &* width &+ x) &* 3
                        out[o] = Self.normalized(Float(pixels[s]))
                        out[o &+ 1] = Self.normalized(Float(pixels[s &+ 1]))
                        out[o &+ 2] = Self.normalized(Float(pixels[s &+ 2]))
                        o &+= 3
                    }
                }
            }
            initialized = width * height * 3
        }
        self.init(count: 1, width: width, height: height, values: values)
    }

    /// The patches RNet (`size` 24) or ONet (`size` 48) sees for `boxes`: each box's
    /// ``MTCNN/Box/patchRegion`` on a black canvas, resized to `size × size` by OpenCV's
    /// `INTER_AREA` rule without rounding, then transposed and normalised, as the ports do it.
    /// Every box must pass ``MTCNN/Box/isUsable(imageWidth:imageHeight:)``; `resampler` keeps
    /// its tables from patch to patch.
    public init(patchesOf image: Image, boxes: [MTCNN.Box], size: Int, resampler: inout AreaResampler) {
        let rgb = image.rgb()
        let sample = size * size * 3
        var values = [Float](repeating: 0, count: boxes.count * sample)
        values.withUnsafeMutableBufferPointer { out in
            for (n, box) in boxes.enumerated() {
                precondition(box.isUsable(imageWidth: rgb.width, imageHeight: rgb.height),
                             "box \(box) cannot be cut from a \(rgb.width)×\(rgb.height) image")
                let region = box.patchRegion
                // Column stride `size · 3`, row stride 3: the transposed layout of the networks.
                resampler.resample(rgb, x: region.x, y: region.y, width: region.width, height: region.height,
                                   toWidth: size, height: size,
                                   into: UnsafeMutableBufferPointer(rebasing: out[(n * sample)..<((n + 1) * sample)]),
                                   rowStride: 3, columnStride: size * 3)
            }
            for k in out.indices { out[k] = Self.normalized(out[k]) }
        }
        self.init(count: boxes.count, width: size, height: size, values: values)
    }
}
