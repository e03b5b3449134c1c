extension MTCNN {
    /// A box as the MTCNN stages pass it along: corners `(x1, y1)` and `(x2, y2)`, in double
    /// precision, in the convention of the original MATLAB code and its Python ports.
    ///
    /// In that convention `x1` and `y1` count from 1: the patch a network sees starts at pixel
    /// `(x1 − 1, y1 − 1)` and covers `x2 − x1 + 1` by `y2 − y1 + 1` pixels (``patchRegion``).
    /// Every rounding step of the ports is reproduced, because a box one pixel off changes the
    /// patch, the score and the final box.
    public struct Box: Sendable, Hashable {
        public var x1: Double
        public var y1: Double
        public var x2: Double
        public var y2: Double

        public init(x1: Double, y1: Double, x2: Double, y2: Double) {
            self.x1 = x1
            self.y1 = y1
            self.x2 = x2
            self.y2 = y2
        }

        /// How a box's size is measured when applying offsets. The MATLAB original (and so every
        /// port) measures PNet's boxes as `x2 − x1` but RNet's and ONet's as `x2 − x1 + 1`.
        public enum SizeConvention: Sendable, Hashable {
            /// `x2 − x1`: PNet.
            case cornerDistance
            /// `x2 − x1 + 1`: RNet and ONet.
            case pixelCount
        }

        /// The box moved by a network's offsets `(dx1, dy1, dx2, dy2)`, each a fraction of the
        /// box's width (x) or height (y): `x1 + dx1·w`, `y1 + dy1·h`, `x2 + dx2·w`, `y2 + dy2·h`.
        public func regressed(by offsets: SIMD4<Float>, size: SizeConvention) -> Box {
            let extra: Double = size == .pixelCount ? 1 : 0
            let w = x2 - x1 + extra, h = y2 - y1 + extra
            return Box(x1: x1 + Double(offsets[0]) * w, y1: y1 + Double(offsets[1]) * h,
                       x2: x2 + Double(offsets[2]) * w, y2: y2 + Double(offsets[3]) * h)
        }

        /// The square with the same centre whose side is the longer of `x2 − x1` and `y2 − y1`
        /// (the ports' `rerec`).
        public func squared() -> Box {
            let w = x2 - x1, h = y2 - y1
            let side = max(w, h)
            let left = x1 + w * 0.5 - side * 0.5, top = y1 + h * 0.5 - side * 0.5
            return Box(x1: left, y1: top, x2: left + side, y2: top + side)
        }

        /// Every corner with its fraction dropped, toward zero (NumPy's `fix`).
        public func truncated() -> Box {
            Box(x1: x1.rounded(.towardZero), y1: y1.rounded(.towardZero),
                x2: x2.rounded(.towardZero), y2: y2.rounded(.towardZero))
        }

        /// The pixels a network sees for this box, counted from 0, fractions dropped; parts
        /// outside the image read as black. Only meaningful for a box that passes
        /// ``isUsable(imageWidth:imageHeight:)``.
        public var patchRegion: (x: Int, y: Int, width: Int, height: Int) {
            (Int(x1) - 1, Int(y1) - 1, Int(x2 - x1 + 1), Int(y2 - y1 + 1))
        }

        /// Whether the box can be cut from an image of this size: finite, at least one pixel,
        /// overlapping the image, and at most four times its size. Working networks never give
        /// anything else; the test keeps a broken one from making the pipeline allocate without
        /// bound or trap on a conversion.
        public func isUsable(imageWidth: Int, imageHeight: Int) -> Bool {
            let limit = 4 * Double(max(imageWidth, imageHeight))
            return x1.isFinite && y1.isFinite && x2.isFinite && y2.isFinite
                && x2 - x1 + 1 >= 1 && y2 - y1 + 1 >= 1 && x2 - x1 < limit && y2 - y1 < limit
                && x2 >= 1 && y2 >= 1 && x1 <= Double(imageWidth) && y1 <= Double(imageHeight)
        }

        /// The corners as NMS takes them.
        var corners: SIMD4<Double> { SIMD4(x1, y1, x2, y2) }
    }

    /// A box with a network's verdict on it: the face probability and the offsets that refine
    /// the box.
    public struct Candidate: Sendable, Hashable {
        public var box: Box
        public var score: Float
        public var offsets: SIMD4<Float>

        public init(box: Box, score: Float, offsets: SIMD4<Float>) {
            self.box = box
            self.score = score
            self.offsets = offsets
        }
    }
}
