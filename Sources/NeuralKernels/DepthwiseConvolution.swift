/// A depthwise convolution of a channel-major batch: every channel is filtered by its own
/// `window.height × window.width` filter (ONNX `Conv` with `group` = channels), plus an
/// optional bias per channel.
///
/// Each output row is built as a sum of shifted input rows, one per filter tap, over the output
/// columns whose tap lands inside the input: no per-pixel bounds checks, and the inner loop is
/// a unit-stride multiply-add when the stride is 1.
public func depthwiseConvolution(
    _ input: UnsafePointer<Float>, channels: Int, batch: Int, height: Int, width: Int,
    window: SlidingWindow, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    into output: UnsafeMutablePointer<Float>
) {
    let outputHeight = window.outputHeight(height), outputWidth = window.outputWidth(width)
    let taps = window.height &* window.width
    for channel in 0..<channels {
        let filter = weights + channel &* taps
        let b = bias?[channel] ?? 0
        for sample in 0..<batch {
            let plane = channel &* batch &+ sample
            let source = input + plane &* height &* width
            let destination = output + plane &* outputHeight &* outputWidth
            for oy in 0..<outputHeight {
                let target = destination + oy &* outputWidth
                target.update(repeating: b, count: outputWidth)
                for ky in 0..<window.height {
                    let iy = oy &* window.strideY &- window.paddingY &+ ky
                    guard iy >= 0 && iy < height else { continue }
                    let line = source + iy &* width
                    for kx in 0..<window.width {
                        let w = filter[ky &* window.width &+ kx]
                        // Output columns whose tap `kx` reads a column inside the input.
                        let shift = kx &- window.paddingX
                        let first = shift >= 0 ? 0 : (-shift &+ window.strideX &- 1) / window.strideX
                        let last = min(outputWidth, (width &- 1 &- shift) / window.strideX &+ 1)
                        guard first < last else { continue }
                        if window.strideX == 1 {
                            let row = line + shift
                            for ox in first..<last { target[ox] += w * row[ox] }
                        } else {
                            for ox in first..<last { target[ox] += w * line[ox &* window.strideX &+ shift] }
                        }
                    }
                }
            }
        }
    }
}
