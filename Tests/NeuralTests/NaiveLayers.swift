import Neural

/// Straightforward loops over NCHW arrays, written from the layer definitions, to check the
/// optimised kernels against. Nothing here shares code with the library's kernels.
enum Naive {
    static func convolution(_ x: [Float], _ shape: TensorShape, _ conv: ConvolutionLayer) -> (values: [Float], shape: TensorShape) {
        let w = conv.window
        let outH = 1 + (shape.height + 2 * w.paddingY - w.height) / w.strideY
        let outW = 1 + (shape.width + 2 * w.paddingX - w.width) / w.strideX
        let out = TensorShape(batch: shape.batch, channels: conv.outputChannels, height: outH, width: outW)
        var y = [Float](repeating: 0, count: out.count)
        for n in 0..<shape.batch {
            for o in 0..<conv.outputChannels {
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        var sum = Double(conv.bias?[o] ?? 0)
                        for c in 0..<shape.channels {
                            for ky in 0..<w.height {
                                for kx in 0..<w.width {
                                    let iy = oy * w.strideY - w.paddingY + ky, ix = ox * w.strideX - w.paddingX + kx
                                    guard iy >= 0, iy < shape.height, ix >= 0, ix < shape.width else { continue }
                                    let weight = conv.weights[((o * shape.channels + c) * w.height + ky) * w.width + kx]
                                    sum += Double(weight) * Double(x[((n * shape.channels + c) * shape.height + iy) * shape.width + ix])
                                }
                            }
                        }
                        let value = Float(sum)
                        y[((n * out.channels + o) * outH + oy) * outW + ox] = conv.activation == .relu ? max(value, 0) : value
                    }
                }
            }
        }
        return (y, out)
    }

    /// dlib's pooling: each window is clipped to the input before the max or the mean.
    static func pool(_ x: [Float], _ shape: TensorShape, _ pooling: PoolingLayer) -> (values: [Float], shape: TensorShape) {
        let w = pooling.resolvedWindow(height: shape.height, width: shape.width)
        let isMax = pooling.reduction == .max
        let outH = 1 + (shape.height + 2 * w.paddingY - w.height) / w.strideY
        let outW = 1 + (shape.width + 2 * w.paddingX - w.width) / w.strideX
        let out = TensorShape(batch: shape.batch, channels: shape.channels, height: outH, width: outW)
        var y = [Float](repeating: 0, count: out.count)
        for plane in 0..<(shape.batch * shape.channels) {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    var taps: [Float] = []
                    for ky in 0..<w.height {
                        for kx in 0..<w.width {
                            let iy = oy * w.strideY - w.paddingY + ky, ix = ox * w.strideX - w.paddingX + kx
                            if iy >= 0, iy < shape.height, ix >= 0, ix < shape.width {
                                taps.append(x[(plane * shape.height + iy) * shape.width + ix])
                            }
                        }
                    }
                    y[(plane * outH + oy) * outW + ox] = isMax ? taps.max()! : taps.reduce(0, +) / Float(taps.count)
                }
            }
        }
        return (y, out)
    }

    /// dlib's add_prev: the larger size in every dimension, each input zero outside its extent.
    static func add(_ a: [Float], _ aShape: TensorShape, _ b: [Float], _ bShape: TensorShape) -> (values: [Float], shape: TensorShape) {
        let out = TensorShape(batch: aShape.batch, channels: max(aShape.channels, bShape.channels),
                              height: max(aShape.height, bShape.height), width: max(aShape.width, bShape.width))
        func value(_ t: [Float], _ s: TensorShape, _ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Float {
            guard c < s.channels, y < s.height, x < s.width else { return 0 }
            return t[((n * s.channels + c) * s.height + y) * s.width + x]
        }
        var y = [Float](repeating: 0, count: out.count)
        for n in 0..<out.batch {
            for c in 0..<out.channels {
                for r in 0..<out.height {
                    for col in 0..<out.width {
                        y[((n * out.channels + c) * out.height + r) * out.width + col] =
                            value(a, aShape, n, c, r, col) + value(b, bShape, n, c, r, col)
                    }
                }
            }
        }
        return (y, out)
    }

    static func fullyConnected(_ x: [Float], _ shape: TensorShape, _ dense: FullyConnectedLayer) -> (values: [Float], shape: TensorShape) {
        let inputs = shape.sample.count
        var y = [Float](repeating: 0, count: shape.batch * dense.outputs)
        for n in 0..<shape.batch {
            for o in 0..<dense.outputs {
                var sum = Double(dense.bias?[o] ?? 0)
                for i in 0..<inputs { sum += Double(dense.weights[o * inputs + i]) * Double(x[n * inputs + i]) }
                y[n * dense.outputs + o] = Float(sum)
            }
        }
        return (y, TensorShape(batch: shape.batch, channels: dense.outputs, height: 1, width: 1))
    }

    static func affine(_ x: [Float], _ shape: TensorShape, _ affine: AffineLayer) -> [Float] {
        let area = shape.height * shape.width
        return x.indices.map { i in
            let withinSample = i % shape.sample.count
            let index = affine.scale.count == shape.channels ? withinSample / area : withinSample
            return x[i] * affine.scale[index] + affine.shift[index]
        }
    }

    static func relu(_ x: [Float]) -> [Float] { x.map { max($0, 0) } }
}

/// A small deterministic generator (SplitMix64), so random test data is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func floats(_ count: Int, in range: ClosedRange<Float> = -1...1) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &self) }
    }
}
