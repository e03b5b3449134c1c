import Faces

extension Rect {
    /// Intersection over union of two boxes covering `[x, x + width) × [y, y + height)`, the
    /// measure the detection criteria are stated in.
    func intersectionOverUnion(with other: Rect) -> Float {
        let width = max(0, min(x + self.width, other.x + other.width) - max(x, other.x))
        let height = max(0, min(y + self.height, other.y + other.height) - max(y, other.y))
        let shared = width * height
        return shared / (self.width * self.height + other.width * other.height - shared)
    }
}
