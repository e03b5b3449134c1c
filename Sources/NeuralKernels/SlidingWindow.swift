/// Where a convolution or pooling window lands on its input: window size, step and zero padding.
///
/// Output sizes follow dlib and Caffe: `1 + (input + 2·padding − window) / stride`, rounding
/// down, so the last window never hangs past the padded border.
public struct SlidingWindow: Sendable, Equatable {
    public var height: Int
    public var width: Int
    public var strideY: Int
    public var strideX: Int
    public var paddingY: Int
    public var paddingX: Int

    public init(height: Int, width: Int, strideY: Int, strideX: Int, paddingY: Int, paddingX: Int) {
        self.height = height
        self.width = width
        self.strideY = strideY
        self.strideX = strideX
        self.paddingY = paddingY
        self.paddingX = paddingX
    }

    /// The output rows produced from `inputHeight` input rows.
    @inlinable
    public func outputHeight(_ inputHeight: Int) -> Int {
        1 + (inputHeight + 2 * paddingY - height) / strideY
    }

    /// The output columns produced from `inputWidth` input columns.
    @inlinable
    public func outputWidth(_ inputWidth: Int) -> Int {
        1 + (inputWidth + 2 * paddingX - width) / strideX
    }
}
