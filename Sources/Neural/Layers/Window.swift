import NeuralKernels

/// Window size, stride and zero padding of a convolution or pooling, in rows and columns.
public struct Window: Sendable, Equatable {
    public var height: Int
    public var width: Int
    public var strideY: Int
    public var strideX: Int
    public var paddingY: Int
    public var paddingX: Int

    public init(height: Int, width: Int, strideY: Int = 1, strideX: Int = 1, paddingY: Int = 0, paddingX: Int = 0) {
        self.height = height
        self.width = width
        self.strideY = strideY
        self.strideX = strideX
        self.paddingY = paddingY
        self.paddingX = paddingX
    }

    /// The shape of the `channels` planes this window produces sliding over `x`: one value per
    /// position where the window fits inside the padded input, stride apart.
    func slid(over x: FeatureShape, channels: Int) throws(ShapeMismatch) -> FeatureShape {
        guard height >= 1, width >= 1, strideY >= 1, strideX >= 1, paddingY >= 0, paddingX >= 0,
              height <= x.height + 2 * paddingY, width <= x.width + 2 * paddingX else {
            throw ShapeMismatch("a \(height)×\(width) window (stride \(strideY)×\(strideX), padding \(paddingY)×\(paddingX)) does not fit a \(x) input")
        }
        return FeatureShape(channels: channels, height: 1 + (x.height + 2 * paddingY - height) / strideY,
                            width: 1 + (x.width + 2 * paddingX - width) / strideX)
    }
}

extension SlidingWindow {
    init(_ window: Window) {
        self.init(height: window.height, width: window.width, strideY: window.strideY, strideX: window.strideX,
                  paddingY: window.paddingY, paddingX: window.paddingX)
    }
}
