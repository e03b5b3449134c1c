import NeuralKernels

/// The inputs joined along one axis, in input order (ONNX `Concat`).
public struct ConcatenationLayer: Layer, CompiledLayer {
    public enum Axis: Sendable, Equatable {
        /// Channels after channels; every input has the same height and width.
        case channels
        /// Positions after positions: every input has the same channel count, and the output is
        /// one column holding, channel by channel, the positions of the first input (row by row),
        /// then those of the second, and so on. Joins the rows of rank-3 ONNX tensors (see
        /// ``RowRegroupingLayer``).
        case positions
    }

    public var axis: Axis

    public init(_ axis: Axis) {
        self.axis = axis
    }

    public var kind: String { "concatenation" }

    public var arity: Int? { nil }

    public func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape {
        let x = inputs[0]
        switch axis {
        case .channels:
            guard inputs.allSatisfy({ $0.height == x.height && $0.width == x.width }),
                  let channels = checkedSum(inputs.map(\.channels)) else {
                throw ShapeMismatch("channel concatenation of inputs \(inputs) whose heights and widths differ")
            }
            return FeatureShape(channels: channels, height: x.height, width: x.width)
        case .positions:
            guard inputs.allSatisfy({ $0.channels == x.channels }),
                  let positions = checkedSum(inputs.map { $0.height * $0.width }) else {
                throw ShapeMismatch("position concatenation of inputs \(inputs) whose channel counts differ")
            }
            return FeatureShape(channels: x.channels, height: positions, width: 1)
        }
    }

    public func outputChannels(for inputChannels: [Int]) -> Int {
        axis == .channels ? inputChannels.reduce(0, +) : inputChannels[0]
    }

    public func run(_ call: LayerCall) {
        switch axis {
        case .channels:
            concatenateChannels(call.inputs, channels: call.shapes.map(\.channels), batch: call.batch,
                                area: call.shapes[0].height * call.shapes[0].width, into: call.output)
        case .positions:
            concatenatePositions(call.inputs, areas: call.shapes.map { $0.height * $0.width }, channels: call.shapes[0].channels,
                                 batch: call.batch, into: call.output)
        }
    }
}
