/// Max or average pooling of every plane of a channel-major batch, with dlib's border rule.
///
/// A window is clipped to the input before it is reduced, so zero padding never takes part:
/// a max ignores the padded taps and an average divides by the taps that landed inside
/// (dlib's `subm_clipped`). The padding is smaller than the window, so no window is empty.
public enum PoolingKind: Sendable, Equatable {
    case max
    case average
}

/// Pools `planes` planes of `height × width` into planes of `window`-determined size.
///
/// Both reductions are separable, so each plane is reduced along rows first (into a small
/// buffer of `height × outputWidth`), then along columns: `kh + kw` operations per output
/// instead of `kh · kw`. The clipped column range of every output column is worked out once.
public func pool(
    _ kind: PoolingKind, _ input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
    window: SlidingWindow, into output: UnsafeMutablePointer<Float>
) {
    let outputHeight = window.outputHeight(height), outputWidth = window.outputWidth(width)
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 &* outputWidth) { bounds in
        let starts = bounds.baseAddress!, ends = starts + outputWidth
        for ox in 0..<outputWidth {
            let left = ox &* window.strideX &- window.paddingX
            starts[ox] = max(left, 0)
            ends[ox] = min(left &+ window.width, width)
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: height &* outputWidth) { buffer in
            let reduced = buffer.baseAddress!
            for plane in 0..<planes {
                let source = input + plane &* height &* width
                let destination = output + plane &* outputHeight &* outputWidth
                reduceRows(kind, source, height: height, width: width, outputWidth: outputWidth,
                           starts: starts, ends: ends, into: reduced)
                for oy in 0..<outputHeight {
                    let top = oy &* window.strideY &- window.paddingY
                    let y0 = max(top, 0), y1 = min(top &+ window.height, height)
                    let target = destination + oy &* outputWidth
                    target.update(from: reduced + y0 &* outputWidth, count: outputWidth)
                    for y in (y0 &+ 1)..<y1 {
                        let line = reduced + y &* outputWidth
                        switch kind {
                        case .max:
                            for ox in 0..<outputWidth { target[ox] = line[ox] > target[ox] ? line[ox] : target[ox] }
                        case .average:
                            for ox in 0..<outputWidth { target[ox] += line[ox] }
                        }
                    }
                    if kind == .average {
                        // Divide by the taps inside the input: the window clipped to it.
                        let rows = Float(y1 &- y0)
                        for ox in 0..<outputWidth { target[ox] /= rows * Float(ends[ox] &- starts[ox]) }
                    }
                }
            }
        }
    }
}

/// Reduces each input row over every output column's clipped window: the first, row-wise pass.
@inline(__always)
private func reduceRows(
    _ kind: PoolingKind, _ source: UnsafePointer<Float>, height: Int, width: Int, outputWidth: Int,
    starts: UnsafePointer<Int>, ends: UnsafePointer<Int>, into reduced: UnsafeMutablePointer<Float>
) {
    for y in 0..<height {
        let line = source + y &* width, target = reduced + y &* outputWidth
        switch kind {
        case .max:
            for ox in 0..<outputWidth {
                var value = line[starts[ox]]
                for x in (starts[ox] &+ 1)..<ends[ox] { value = line[x] > value ? line[x] : value }
                target[ox] = value
            }
        case .average:
            for ox in 0..<outputWidth {
                var value = line[starts[ox]]
                for x in (starts[ox] &+ 1)..<ends[ox] { value += line[x] }
                target[ox] = value
            }
        }
    }
}

/// The mean of each of `planes` planes of `area` values: global average pooling.
public func averagePlanes(_ input: UnsafePointer<Float>, planes: Int, area: Int, into output: UnsafeMutablePointer<Float>) {
    for plane in 0..<planes {
        let source = input + plane &* area
        var sum: Float = 0
        for i in 0..<area { sum += source[i] }
        output[plane] = sum / Float(area)
    }
}
