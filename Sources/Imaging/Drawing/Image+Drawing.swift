/// A colour to draw with: red, green, blue. Gray images draw its BT.601 luma.
public struct Color: Sendable, Hashable {
    public var red, green, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let green = Color(red: 0, green: 220, blue: 0)
    public static let red = Color(red: 230, green: 0, blue: 0)
    public static let yellow = Color(red: 255, green: 220, blue: 0)

    fileprivate var gray: UInt8 {
        let luma: Int = 299 * Int(red) + 587 * Int(green) + 114 * Int(blue)
        return UInt8((luma + 500) / 1000)
    }
}

/// Simple annotation for showing results: boxes and points, clipped to the image.
extension Image {
    /// Draws the outline of `rect`, `thickness` pixels wide, inside the rectangle's edge.
    public mutating func drawRectangle(_ rect: Rect, color: Color, thickness: Int = 2) {
        let left = Int(rect.x.rounded()), top = Int(rect.y.rounded())
        let right = Int((rect.x + rect.width).rounded()) - 1, bottom = Int((rect.y + rect.height).rounded()) - 1
        guard right >= left, bottom >= top else { return }
        let t = max(1, thickness)
        fill(left: left, top: top, right: right, bottom: min(top + t - 1, bottom), color: color)
        fill(left: left, top: max(bottom - t + 1, top), right: right, bottom: bottom, color: color)
        fill(left: left, top: top, right: min(left + t - 1, right), bottom: bottom, color: color)
        fill(left: max(right - t + 1, left), top: top, right: right, bottom: bottom, color: color)
    }

    /// Draws a filled square dot of side `2·radius + 1` centred on `point`.
    public mutating func drawPoint(_ point: Point, color: Color, radius: Int = 2) {
        guard point.x.isFinite, point.y.isFinite, abs(point.x) < 1e9, abs(point.y) < 1e9 else { return }
        let x = Int(point.x.rounded()), y = Int(point.y.rounded())
        fill(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius, color: color)
    }

    /// Paints the inclusive pixel rectangle, clipped to the image.
    private mutating func fill(left: Int, top: Int, right: Int, bottom: Int, color: Color) {
        let x0 = max(left, 0), x1 = min(right, width - 1), y0 = max(top, 0), y1 = min(bottom, height - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        let values: [UInt8] = channels == 1 ? [color.gray] : [color.red, color.green, color.blue]
        let channels = self.channels, width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in y0...y1 {
                for x in x0...x1 {
                    let base = (y * width + x) * channels
                    for c in 0..<channels { buffer[base + c] = values[c] }
                }
            }
        }
    }
}
