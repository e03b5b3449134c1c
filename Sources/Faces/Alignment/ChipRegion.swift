import Foundation

/// The part of the source image a face chip covers before rotation: dlib's `drectangle`, with
/// real-valued, inclusive corners (its width is `right − left + 1`, as for pixel boxes).
///
/// dlib decides pyramid levels and crops from this rectangle with its own small rules (an area
/// that counts the `+ 1`, a halving with an offset); they are kept here term by term.
struct ChipRegion: Sendable, Equatable {
    var left, top, right, bottom: Double

    var isEmpty: Bool { top > bottom || left > right }
    var width: Double { isEmpty ? 0 : right - left + 1 }
    var height: Double { isEmpty ? 0 : bottom - top + 1 }
    var area: Double { width * height }
    var center: SIMD2<Double> { SIMD2(left + right, top + bottom) / 2 }

    /// dlib's `centered_drect`: a `width × height` box around `center`.
    init(center: SIMD2<Double>, width: Double, height: Double) {
        let halfWidth = (width - 1) / 2, halfHeight = (height - 1) / 2
        self.init(left: center.x - halfWidth, top: center.y - halfHeight,
                  right: center.x + halfWidth, bottom: center.y + halfHeight)
    }

    init(left: Double, top: Double, right: Double, bottom: Double) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    /// The same region one level down an ``Image/pyramidDown()`` pyramid, by dlib's mapping.
    var pyramidDown: ChipRegion {
        let topLeft = Image.pyramidDownMapping.apply(SIMD2(left, top))
        let bottomRight = Image.pyramidDownMapping.apply(SIMD2(right, bottom))
        return ChipRegion(left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y)
    }

    func translated(by offset: SIMD2<Double>) -> ChipRegion {
        ChipRegion(left: left + offset.x, top: top + offset.y, right: right + offset.x, bottom: bottom + offset.y)
    }

    /// The four corners after turning the region by `angle` about its centre (dlib's
    /// `rotate_point`).
    func rotatedCorners(by angle: Double) -> (topLeft: SIMD2<Double>, topRight: SIMD2<Double>,
                                              bottomLeft: SIMD2<Double>, bottomRight: SIMD2<Double>) {
        let c = center, (cosine, sine) = (cos(angle), sin(angle))
        func turn(_ x: Double, _ y: Double) -> SIMD2<Double> {
            let d = SIMD2(x, y) - c
            return SIMD2(cosine * d.x - sine * d.y, sine * d.x + cosine * d.y) + c
        }
        return (turn(left, top), turn(right, top), turn(left, bottom), turn(right, bottom))
    }

    /// The smallest upright box around the region turned by `angle` about its centre.
    func boundsAfterTurning(by angle: Double) -> ChipRegion {
        let c = rotatedCorners(by: angle)
        let xs = (c.topLeft.x, c.topRight.x, c.bottomLeft.x, c.bottomRight.x)
        let ys = (c.topLeft.y, c.topRight.y, c.bottomLeft.y, c.bottomRight.y)
        return ChipRegion(left: min(xs.0, xs.1, xs.2, xs.3), top: min(ys.0, ys.1, ys.2, ys.3),
                          right: max(xs.0, xs.1, xs.2, xs.3), bottom: max(ys.0, ys.1, ys.2, ys.3))
    }

    /// The map from chip pixels to this region turned by `angle`: chip corner `(0, 0)` lands on
    /// the turned top-left corner, `(columns − 1, 0)` on the top-right, `(0, rows − 1)` on the
    /// bottom-left.
    func chipToRegion(angle: Double, columns: Int, rows: Int) -> AffineMap {
        let corners = rotatedCorners(by: angle)
        let across = (corners.topRight - corners.topLeft) / Double(columns - 1)
        let down = (corners.bottomLeft - corners.topLeft) / Double(rows - 1)
        return AffineMap(m00: across.x, m01: down.x, m10: across.y, m11: down.y, translation: corners.topLeft)
    }
}
