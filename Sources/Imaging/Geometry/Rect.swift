/// An axis-aligned box in pixels: top-left corner `x, y`, then `width` and `height`.
///
/// A box covers the pixels from `x` to `x + width − 1` across and `y` to `y + height − 1` down, so
/// a one-pixel box has width 1. This is dlib's convention: its `rectangle(l, t, r, b)` holds both
/// corners inclusively and has width `r − l + 1`; ``init(dlibLeft:top:right:bottom:)`` converts one
/// exactly.
public struct Rect: Sendable, Hashable {
    public var x: Float
    public var y: Float
    public var width: Float
    public var height: Float

    public init(x: Float, y: Float, width: Float, height: Float) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The box of a dlib `rectangle`, whose four integers name the first and last column and row.
    public init(dlibLeft left: Int, top: Int, right: Int, bottom: Int) {
        self.init(x: Float(left), y: Float(top),
                  width: Float(right - left + 1), height: Float(bottom - top + 1))
    }

    /// The last column inside the box (dlib's `right()`).
    public var right: Float { x + width - 1 }
    /// The last row inside the box (dlib's `bottom()`).
    public var bottom: Float { y + height - 1 }
}
