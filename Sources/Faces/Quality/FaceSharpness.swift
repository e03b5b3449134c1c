import Imaging

/// How sharp a face is: the variance of the Laplacian of its grey levels, a standard focus
/// measure (Pech-Pacheco et al. 2000). A blurred or shaken photo has few edges, so a low variance.
///
/// The face box is first resampled to ``sampleWidth`` pixels wide, so a face scores the same in
/// a large photo as in a small one, and edges finer than that (JPEG noise, pores) do not count.
public enum FaceSharpness {
    /// Width the face is measured at.
    public static let sampleWidth = 64

    /// The sharpness of `box` in `image` (grey levels 0–255, so a variance in squared grey levels).
    public static func of(_ box: Rect, in image: Image) -> Float {
        let x = max(0, Int(box.x.rounded(.down))), y = max(0, Int(box.y.rounded(.down)))
        let right = min(image.width, Int((box.x + box.width).rounded(.up)))
        let bottom = min(image.height, Int((box.y + box.height).rounded(.up)))
        guard right - x >= 3, bottom - y >= 3 else { return 0 }
        let height = max(3, Int((Float(sampleWidth) * Float(bottom - y) / Float(right - x)).rounded()))
        let face = image.cropped(x: x, y: y, width: right - x, height: bottom - y)
            .grayscale().areaResized(width: sampleWidth, height: height)
        return laplacianVariance(of: face)
    }

    /// Variance of the 4-neighbour Laplacian over the interior of a one-channel image.
    static func laplacianVariance(of gray: Image) -> Float {
        let w = gray.width, h = gray.height
        guard w >= 3, h >= 3 else { return 0 }
        var sum = 0.0, sumOfSquares = 0.0
        gray.pixels.withUnsafeBufferPointer { p in
            for row in 1..<(h - 1) {
                for column in 1..<(w - 1) {
                    let i = row * w + column
                    let centre = 4 * Int(p[i])
                    let laplacian = Double(Int(p[i - 1]) + Int(p[i + 1]) + Int(p[i - w]) + Int(p[i + w]) - centre)
                    sum += laplacian
                    sumOfSquares += laplacian * laplacian
                }
            }
        }
        let n = Double((w - 2) * (h - 2))
        let mean = sum / n
        return Float(sumOfSquares / n - mean * mean)
    }
}
