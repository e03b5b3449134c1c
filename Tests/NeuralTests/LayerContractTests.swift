import Neural
import Testing

/// What every layer kind promises through ``Layer``, checked for all kinds at once. The ONNX
/// importer trusts a layer's channel rule while the input size is open and its shape rule once
/// the size is known, so the two must agree; a kind that changes the channel count and forgets
/// to say so in `outputChannels(for:)` fails here.
@Suite struct LayerContractTests {
    /// One layer of every kind, each with inputs it fits.
    static func everyKind() -> [(layer: any Layer, inputs: [FeatureShape])] {
        let x = FeatureShape(channels: 4, height: 6, width: 6)
        let window = Window(height: 3, width: 3, paddingY: 1, paddingX: 1)
        func zeros(_ count: Int) -> [Float] { [Float](repeating: 0, count: count) }
        return [
            (ConvolutionLayer(inputChannels: 4, outputChannels: 3, window: window, weights: zeros(3 * 4 * 9), bias: zeros(3)), [x]),
            (DepthwiseConvolutionLayer(channels: 4, window: window, weights: zeros(4 * 9), bias: nil), [x]),
            (AffineLayer(scale: zeros(4), shift: zeros(4)), [x]),
            (ElementwiseLayer(.relu), [x]),
            (ElementwiseLayer(.sigmoid), [x]),
            (ElementwiseLayer(.exponential), [x]),
            (PoolingLayer(.max, Window(height: 2, width: 2, strideY: 2, strideX: 2)), [x]),
            (PoolingLayer.wholeInput(.average), [x]),
            (SameUpperMaxPoolingLayer(Window(height: 3, width: 3, strideY: 2, strideX: 2)), [x]),
            (AdditionLayer(), [x, FeatureShape(channels: 6, height: 3, width: 3)]),
            (FullyConnectedLayer(inputs: x.count, outputs: 5, weights: zeros(x.count * 5), bias: nil), [x]),
            (PReLULayer(slopes: zeros(4)), [x]),
            (SoftmaxLayer(), [x]),
            (NearestUpsamplingLayer(factor: 2), [x]),
            (SubtractionLayer(), [x, x]),
            (ConcatenationLayer(.channels), [x, FeatureShape(channels: 2, height: 6, width: 6)]),
            (ConcatenationLayer(.positions), [x, FeatureShape(channels: 4, height: 2, width: 3)]),
            (ChannelSelectionLayer(1..<3), [x]),
            (RowRegroupingLayer(length: 8, positionMajor: true), [x]),
        ]
    }

    @Test func channelRuleAgreesWithShapeRule() throws {
        for (layer, inputs) in Self.everyKind() {
            #expect(layer.arity.map { $0 == inputs.count } ?? !inputs.isEmpty, "\(layer.kind) arity")
            let shape = try layer.outputShape(for: inputs)
            #expect(layer.outputChannels(for: inputs.map(\.channels)) == shape.channels, "\(layer.kind)")
        }
    }

    @Test func shapeMismatchesNameTheNode() throws {
        let conv = ConvolutionLayer(inputChannels: 2, outputChannels: 1, window: Window(height: 1, width: 1),
                                    weights: [1, 1], bias: nil)
        let graph = try Graph(input: GraphInput(channels: 3, height: nil, width: nil),
                              nodes: [Graph.Node(name: "stem", layer: conv, inputs: [.input])], outputs: [.node(0)])
        #expect(throws: GraphError.shapeMismatch(node: "stem", reason: "convolution expects 2 input channels, receives 3×4×4")) {
            try graph.shapes(for: FeatureShape(channels: 3, height: 4, width: 4))
        }
    }
}
