import Foundation

/// A map of the plane that keeps straight lines straight: `p ↦ M·p + t` with a 2×2 matrix `M`
/// and a translation `t`, in double precision.
///
/// Rotations, scalings, shears and translations are all affine, and so is any chain of them, so
/// one value describes how a face chip or a pyramid level relates to its source image. (Named
/// `AffineMap` because Foundation already has an `AffineTransform`.)
/// The arithmetic follows dlib's `point_transform_affine` term by term (`M·p` first, then `+ t`)
/// so that results that dlib rounds to whole pixels round the same way here.
public struct AffineMap: Sendable, Equatable {
    /// The matrix `M`, row by row: `x' = m00·x + m01·y + t.x`, `y' = m10·x + m11·y + t.y`.
    public var m00, m01, m10, m11: Double
    public var translation: SIMD2<Double>

    public init(m00: Double, m01: Double, m10: Double, m11: Double, translation: SIMD2<Double> = .zero) {
        self.m00 = m00
        self.m01 = m01
        self.m10 = m10
        self.m11 = m11
        self.translation = translation
    }

    public static let identity = AffineMap(m00: 1, m01: 0, m10: 0, m11: 1)

    /// Moves every point by `(dx, dy)`.
    public static func translation(dx: Double, dy: Double) -> AffineMap {
        AffineMap(m00: 1, m01: 0, m10: 0, m11: 1, translation: SIMD2(dx, dy))
    }

    /// Scales about the origin.
    public static func scaling(_ factor: Double) -> AffineMap {
        AffineMap(m00: factor, m01: 0, m10: 0, m11: factor)
    }

    /// Rotates about the origin by `angle` radians; with `y` pointing down, a positive angle turns
    /// the x axis towards the y axis (clockwise on screen).
    public static func rotation(_ angle: Double) -> AffineMap {
        let (c, s) = (cos(angle), sin(angle))
        return AffineMap(m00: c, m01: -s, m10: s, m11: c)
    }

    public func apply(_ p: SIMD2<Double>) -> SIMD2<Double> {
        SIMD2(m00 * p.x + m01 * p.y + translation.x,
              m10 * p.x + m11 * p.y + translation.y)
    }

    public func apply(to point: Point) -> Point {
        Point(apply(point.vector))
    }

    /// This map followed by `next`: `a.then(b)` maps `p` to `b(a(p))`.
    public func then(_ next: AffineMap) -> AffineMap {
        AffineMap(
            m00: next.m00 * m00 + next.m01 * m10, m01: next.m00 * m01 + next.m01 * m11,
            m10: next.m10 * m00 + next.m11 * m10, m11: next.m10 * m01 + next.m11 * m11,
            translation: next.apply(translation))
    }

    /// The map that undoes this one, or nil when it flattens the plane onto a line or a
    /// point (a zero or non-finite determinant) and so cannot be undone.
    public var inverse: AffineMap? {
        let determinant = m00 * m11 - m01 * m10
        guard determinant != 0, determinant.isFinite else { return nil }
        var inverse = AffineMap(m00: m11 / determinant, m01: -m01 / determinant,
                                m10: -m10 / determinant, m11: m00 / determinant)
        inverse.translation = -inverse.apply(translation)
        return inverse
    }
}
