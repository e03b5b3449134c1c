import NeuralKernels

/// Max or average pooling of every channel, with dlib's border rule: a window is clipped to the
/// input before it is reduced, so the zero padding never takes part (a max ignores it, an
/// average divides by the taps inside the input).
///
/// A window size of 0 stands for the whole input extent along that axis, as in dlib
/// (`avg_pool_everything` is a 0×0 window); ``resolvedWindow(height:width:)`` fills it in once
/// the input size is known.
public struct PoolingLayer: Layer, CompiledLayer {
    public enum Reduction: Sendable, Equatable {
        case max
        case average
    }

    public var reduction: Reduction
    public var window: Window

    public init(_ reduction: Reduction, _ window: Window) {
        self.reduction = reduction
        self.window = window
    }

    /// Pools each channel of the whole sample to one value (global pooling).
    public static func wholeInput(_ reduction: Reduction) -> PoolingLayer {
        PoolingLayer(reduction, Window(height: 0, width: 0))
    }

    /// The concrete window for an input of `height × width`.
    public func resolvedWindow(height: Int, width: Int) -> Window {
        var concrete = window
        if concrete.height == 0 { concrete.height = height }
        if concrete.width == 0 { concrete.width = width }
        return concrete
    }

    public var kind: String { reduction == .max ? "max pool" : "average pool" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        let window = resolvedWindow(height: x.height, width: x.width)
        guard window.paddingY < window.height, window.paddingX < window.width else {
            throw ShapeMismatch("pooling padding \(window.paddingY)×\(window.paddingX) is not smaller than its \(window.height)×\(window.width) window")
        }
        return try window.slid(over: x, channels: x.channels)
    }

    public func run(_ call: LayerCall) {
        let x = call.inputs[0], shape = call.shapes[0]
        let window = resolvedWindow(height: shape.height, width: shape.width)
        if window.height == shape.height, window.width == shape.width, reduction == .average {
            averagePlanes(x, planes: shape.channels * call.batch, area: shape.height * shape.width, into: call.output)
        } else {
            pool(reduction == .max ? .max : .average, x, planes: shape.channels * call.batch, height: shape.height,
                 width: shape.width, window: SlidingWindow(window), into: call.output)
        }
    }
}
