import NeuralKernels

/// The channels in `range`, in order (ONNX `Slice` along the channel axis).
public struct ChannelSelectionLayer: Layer, CompiledLayer {
    public var range: Range<Int>

    public init(_ range: Range<Int>) {
        self.range = range
    }

    public var kind: String { "channel selection" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard range.lowerBound >= 0, range.upperBound <= x.channels, !range.isEmpty else {
            throw ShapeMismatch("channels \(range) of a \(x) input")
        }
        return FeatureShape(channels: range.count, height: x.height, width: x.width)
    }

    public func outputChannels(for inputChannels: [Int]) -> Int { range.count }

    public func run(_ call: LayerCall) {
        selectChannels(call.inputs[0], range: range, batch: call.batch, area: call.shapes[0].height * call.shapes[0].width, into: call.output)
    }
}
