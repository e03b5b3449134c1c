/// A position in an image, in pixels: `x` to the right, `y` down, origin at the top-left pixel's
/// centre (pixel `(i, j)` is the point `(Float(i), Float(j))`, as in dlib).
public struct Point: Sendable, Hashable {
    public var x: Float
    public var y: Float

    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }

    /// The same point in double precision, the form ``AffineMap`` computes with.
    public var vector: SIMD2<Double> { SIMD2(Double(x), Double(y)) }

    /// Rounds a double-precision point to `Float`.
    public init(_ vector: SIMD2<Double>) {
        self.init(x: Float(vector.x), y: Float(vector.y))
    }
}
