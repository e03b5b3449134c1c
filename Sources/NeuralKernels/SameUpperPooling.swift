/// Max pooling of every plane with ONNX's `auto_pad = SAME_UPPER` rule: `⌈height / strideY⌉ ×
/// ⌈width / strideX⌉` outputs, from a padding of `max(0, (outputs − 1) · stride + window − input)`
/// split in two with the odd one at the end. Padded taps are skipped, so they never win the max.
public func maxPoolSameUpper(
    _ input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
    windowHeight: Int, windowWidth: Int, strideY: Int, strideX: Int, into output: UnsafeMutablePointer<Float>
) {
    let outputHeight = (height &+ strideY &- 1) / strideY, outputWidth = (width &+ strideX &- 1) / strideX
    let top = max(0, (outputHeight &- 1) &* strideY &+ windowHeight &- height) / 2
    let left = max(0, (outputWidth &- 1) &* strideX &+ windowWidth &- width) / 2
    for plane in 0..<planes {
        let source = input + plane &* height &* width
        let destination = output + plane &* outputHeight &* outputWidth
        for oy in 0..<outputHeight {
            let y0 = max(oy &* strideY &- top, 0), y1 = min(oy &* strideY &- top &+ windowHeight, height)
            let target = destination + oy &* outputWidth
            for ox in 0..<outputWidth {
                let x0 = max(ox &* strideX &- left, 0), x1 = min(ox &* strideX &- left &+ windowWidth, width)
                var value = source[y0 &* width &+ x0]
                for y in y0..<y1 {
                    let line = source + y &* width
                    for x in x0..<x1 { value = line[x] > value ? line[x] : value }
                }
                target[ox] = value
            }
        }
    }
}
