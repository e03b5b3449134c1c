import NeuralKernels

/// `y = x · scale + shift` (a frozen batch normalisation). With one scale per channel the same
/// pair applies to a whole channel; with one per value (channels × height × width, dlib's
/// fully-connected mode) each position has its own.
public struct AffineLayer: Layer {
    public var scale: [Float]
    public var shift: [Float]

    public init(scale: [Float], shift: [Float]) {
        self.scale = scale
        self.shift = shift
    }

    public var kind: String { "affine" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard scale.count == shift.count, scale.count == x.channels || scale.count == x.count else {
            throw ShapeMismatch("affine has \(scale.count) scales and \(shift.count) shifts for a \(x) input")
        }
        return x
    }

    /// Weights with one row per output channel and their bias (nil: zeros), followed by this
    /// per-channel affine, as one set of weights and bias: `γ·(w·x + b) + β = (γw)·x + (γb + β)`.
    /// Exact algebra, so results differ from applying the two in turn by float rounding only.
    func folded(intoRows weights: [Float], bias: [Float]?) -> (weights: [Float], bias: [Float]) {
        let rows = scale.count
        let rowLength = weights.count / max(rows, 1)
        var weights = weights
        for row in 0..<rows {
            for i in row * rowLength ..< (row + 1) * rowLength { weights[i] *= scale[row] }
        }
        return (weights, (0..<rows).map { row in (bias?[row] ?? 0) * scale[row] + shift[row] })
    }

    public func compiled() -> any CompiledLayer {
        Compiled(scale: AlignedFloats(copying: scale), shift: AlignedFloats(copying: shift))
    }

    struct Compiled: CompiledLayer {
        let scale: AlignedFloats
        let shift: AlignedFloats

        func run(_ call: LayerCall) {
            let shape = call.shapes[0]
            if scale.count == shape.channels {
                affinePerChannel(call.inputs[0], channels: shape.channels, run: call.batch * shape.height * shape.width,
                                 scale: scale.base, shift: shift.base, into: call.output)
            } else {
                affinePerElement(call.inputs[0], channels: shape.channels, batch: call.batch, area: shape.height * shape.width,
                                 scale: scale.base, shift: shift.base, into: call.output)
            }
        }
    }
}
