extension Image {
    /// Cuts the face chip described by `details`: a `size × size` RGB image, byte for byte the
    /// chip dlib's `extract_image_chip` cuts (a gray image gives the chip of its RGB conversion,
    /// three equal channels).
    ///
    /// Bilinear sampling alone would alias when the chip is much smaller than the face, so dlib
    /// first crops the region (with a margin) and halves it with ``Image/pyramidDown()`` until one
    /// more halving would make it smaller than the chip, then samples that level. The pyramid
    /// depth, the crop and the coordinate mapping between levels follow dlib's rules exactly.
    public func faceChip(_ details: FaceChipDetails) -> Image {
        let size = details.size, chipArea = Double(size * size)

        // dlib sizes the crop margin from how many levels it expects to need: 2 pixels at full
        // size, doubling (plus 2) per level, so the filter's border never reaches the chip.
        var margin = 2.0, expected = details.region.pyramidDown
        while expected.area > chipArea {
            expected = expected.pyramidDown
            margin = margin * 2 + 2
        }
        // The turned region's upright bounding box, grown by the margin, clipped to the image
        // and rounded to whole pixels (dlib's drectangle → rectangle conversion).
        let turned = details.region.boundsAfterTurning(by: details.angle)
        guard let left = Self.wholePixel(max(turned.left - margin, 0)),
              let top = Self.wholePixel(max(turned.top - margin, 0)),
              let right = Self.wholePixel(min(turned.right + margin, Double(width - 1))),
              let bottom = Self.wholePixel(min(turned.bottom + margin, Double(height - 1))),
              left <= right, top <= bottom
        else {
            return Image(width: size, height: size, channels: 3)
        }

        var level = cropped(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
        var region = details.region.translated(by: SIMD2(-Double(left), -Double(top)))
        while region.pyramidDown.area > chipArea {
            level = level.pyramidDown()
            region = region.pyramidDown
        }
        let chip = level.warped(width: size, height: size,
                                sampling: region.chipToRegion(angle: details.angle, columns: size, rows: size))
        return chip.rgb()
    }

    /// dlib's rounding of a real coordinate to a pixel, `floor(v + 0.5)`; nil for values no
    /// image could reach (the region of a chip far outside the image).
    private static func wholePixel(_ v: Double) -> Int? {
        let rounded = (v + 0.5).rounded(.down)
        return abs(rounded) < 1e15 ? Int(rounded) : nil
    }
}
