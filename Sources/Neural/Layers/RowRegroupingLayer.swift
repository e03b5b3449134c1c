import NeuralKernels

/// A sample's elements regrouped into rows of `length`: the output has `length` channels, one
/// row, and one column per row, so that channel `j`, column `i` holds element `i · length + j` of
/// the input's element sequence. That sequence is the input channel by channel (`positionMajor`
/// false), or position by position with each position's channels together (`positionMajor`
/// true, what an NCHW → NHWC transpose lists). This is how a rank-3 ONNX tensor
/// `[N, rows, length]` gets a channel axis the engine's layers can work along.
public struct RowRegroupingLayer: Layer, CompiledLayer {
    public var length: Int
    public var positionMajor: Bool

    public init(length: Int, positionMajor: Bool) {
        self.length = length
        self.positionMajor = positionMajor
    }

    public var kind: String { "row regrouping" }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        guard length >= 1, x.count % length == 0 else {
            throw ShapeMismatch("the \(x.count) values of a \(x) input do not fill rows of \(length)")
        }
        return FeatureShape(channels: length, height: x.count / length, width: 1)
    }

    public func outputChannels(for inputChannels: [Int]) -> Int { length }

    public func run(_ call: LayerCall) {
        let shape = call.shapes[0]
        regroupRows(call.inputs[0], channels: shape.channels, area: shape.height * shape.width, batch: call.batch,
                    length: length, positionMajor: positionMajor, into: call.output)
    }
}
