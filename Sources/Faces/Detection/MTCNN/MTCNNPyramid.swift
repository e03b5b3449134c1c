import Foundation

extension MTCNN {
    /// One level of the image pyramid PNet scans: the image scaled by `scale` to
    /// `width × height`.
    public struct PyramidLevel: Sendable, Hashable {
        public var scale: Double
        public var width: Int
        public var height: Int

        public init(scale: Double, width: Int, height: Int) {
            self.scale = scale
            self.width = width
            self.height = height
        }
    }
}

extension MTCNN.Options {
    /// The pyramid for an image of `width × height`: scales `m·fᵏ` with `m = 12 / minFaceSize`
    /// and `f = scaleFactor`, for as long as the shorter side, scaled, is still at least 12
    /// pixels (PNet's window); each level's size is the image's times the scale, rounded up.
    ///
    /// The arithmetic is the Python ports', in double precision: the stopping test multiplies the
    /// shorter side by `f` once per level, while the scale itself is `m·pow(f, k)`. (NumPy's
    /// vectorised `pow` can differ from the C library's in the last bit; on the reference photos
    /// that changes no face.)
    public func pyramid(width: Int, height: Int) -> [MTCNN.PyramidLevel] {
        let m = 12 / Double(minFaceSize)
        var side = Double(min(width, height)) * m
        var levels = [MTCNN.PyramidLevel]()
        var k = 0.0
        while side >= 12 {
            let scale = m * pow(scaleFactor, k)
            levels.append(MTCNN.PyramidLevel(scale: scale, width: Int((Double(width) * scale).rounded(.up)),
                                             height: Int((Double(height) * scale).rounded(.up))))
            side *= scaleFactor
            k += 1
        }
        return levels
    }
}
