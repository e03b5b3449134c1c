import Neural
import Testing

/// Every layer kind, run through ``Network`` on small random batches, against the naive loops in
/// `NaiveLayers.swift`. Values are O(1), so float32 sums of a few hundred terms agree to 1e-4.
@Suite struct LayerKernelTests {
    static let tolerance: Float = 1e-4

    /// Runs a one-layer graph on `x` with 1 and 2 threads.
    func run(_ layer: any Layer, on x: [Float], _ shape: TensorShape) throws -> [[Float]] {
        let graph = try Graph(input: GraphInput(channels: shape.channels, height: shape.height, width: shape.width),
                              nodes: [Graph.Node(name: "under test", layer: layer, inputs: [.input])], outputs: [.node(0)])
        let network = Network(graph, fusingLayers: false)
        return try [1, 2].map { threads in try network.run(Tensor(shape: shape, values: x), threads: threads)[0].values }
    }

    func expectClose(_ actual: [Float], _ expected: [Float], _ what: String) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)")
        guard actual.count == expected.count else { return }
        let difference = maxAbsoluteDifference(actual, expected)
        #expect(difference <= Self.tolerance, "\(what): max difference \(difference)")
    }

    /// 3×3 convolutions with stride 1 and padding 1 run by Winograd's algorithm when the batch has
    /// at least 16 output tiles (the 9×9 case: 75 tiles, one block), by unrolled patches otherwise
    /// (the 2×2 and 1×1 cases); every other shape by unrolled patches.
    @Test(arguments: [
        // (kernel h, w, stride y, x, padding y, x, input channels, output channels, height, width, batch, bias, relu)
        (1, 1, 1, 1, 0, 0, 5, 4, 6, 7, 2, true, false),
        (3, 3, 1, 1, 1, 1, 3, 8, 9, 9, 3, true, true),
        (3, 3, 2, 2, 0, 0, 4, 6, 9, 8, 2, false, false),
        (7, 7, 2, 2, 0, 0, 3, 5, 20, 19, 1, true, true),
        (5, 3, 2, 1, 2, 1, 2, 3, 11, 6, 2, true, false),
        (4, 4, 3, 3, 1, 1, 3, 4, 10, 13, 2, false, true),
        (3, 3, 1, 1, 1, 1, 16, 40, 2, 2, 1, true, false),
        (3, 3, 1, 1, 1, 1, 8, 8, 1, 1, 5, true, true),
    ])
    func convolutionMatchesDirectSums(
        _ kh: Int, _ kw: Int, _ sy: Int, _ sx: Int, _ py: Int, _ px: Int,
        _ inChannels: Int, _ outChannels: Int, _ height: Int, _ width: Int, _ batch: Int, _ bias: Bool, _ relu: Bool
    ) throws {
        var random = SeededGenerator(seed: UInt64(kh * 1000 + inChannels * 10 + height))
        let shape = TensorShape(batch: batch, channels: inChannels, height: height, width: width)
        let conv = ConvolutionLayer(
            inputChannels: inChannels, outputChannels: outChannels,
            window: Window(height: kh, width: kw, strideY: sy, strideX: sx, paddingY: py, paddingX: px),
            weights: random.floats(outChannels * inChannels * kh * kw),
            bias: bias ? random.floats(outChannels) : nil, activation: relu ? .relu : .identity)
        let x = random.floats(shape.count)
        let expected = Naive.convolution(x, shape, conv).values
        for (threads, actual) in try run(conv, on: x, shape).enumerated() {
            expectClose(actual, expected, "\(kh)×\(kw) conv, \(threads + 1) thread(s)")
        }
    }

    @Test(arguments: [1, 2])
    func largeBatchConvolutionsSplitIntoManyBlocks(stride: Int) throws {
        // Stride 1: several Winograd blocks per thread (6 × 18 × 18 tiles). Stride 2: several
        // blocks of unrolled patches (6 × 17 × 17 positions).
        var random = SeededGenerator(seed: 7 + UInt64(stride))
        let shape = TensorShape(batch: 6, channels: 32, height: 35, width: 35)
        let padding = stride == 1 ? 1 : 0
        let conv = ConvolutionLayer(inputChannels: 32, outputChannels: 32,
                                    window: Window(height: 3, width: 3, strideY: stride, strideX: stride, paddingY: padding, paddingX: padding),
                                    weights: random.floats(32 * 32 * 9, in: -0.1...0.1), bias: random.floats(32), activation: .relu)
        let x = random.floats(shape.count)
        let expected = Naive.convolution(x, shape, conv).values
        for actual in try run(conv, on: x, shape) {
            expectClose(actual, expected, "35×35 batch of 6, stride \(stride)")
        }
    }

    @Test(arguments: [
        (3, 3, 2, 2, 0, 0, true), (3, 3, 2, 2, 1, 1, true), (3, 3, 2, 2, 1, 1, false),
        (2, 2, 2, 2, 0, 0, false), (0, 0, 1, 1, 0, 0, false), (0, 0, 1, 1, 0, 0, true),
        (0, 3, 1, 2, 0, 1, false), (3, 2, 1, 1, 2, 1, true),
    ])
    func poolingClipsWindowsLikeDlib(_ kh: Int, _ kw: Int, _ sy: Int, _ sx: Int, _ py: Int, _ px: Int, _ isMax: Bool) throws {
        var random = SeededGenerator(seed: UInt64(kh * 100 + py * 10 + (isMax ? 1 : 0)))
        let shape = TensorShape(batch: 2, channels: 3, height: 9, width: 8)
        let pooling = PoolingLayer(isMax ? .max : .average,
                                   Window(height: kh, width: kw, strideY: sy, strideX: sx, paddingY: py, paddingX: px))
        let x = random.floats(shape.count)
        let expected = Naive.pool(x, shape, pooling).values
        for actual in try run(pooling, on: x, shape) {
            expectClose(actual, expected, "\(isMax ? "max" : "average") pool \(kh)×\(kw) padding \(py)×\(px)")
        }
    }

    @Test func addZeroExtendsTheSmallerInput() throws {
        // Two branches of different sizes from one input: a stride-2 convolution (more channels,
        // smaller planes) and a pooling (fewer channels, larger planes), like dlib's residual_down.
        var random = SeededGenerator(seed: 11)
        let shape = TensorShape(batch: 2, channels: 2, height: 8, width: 8)
        let conv = ConvolutionLayer(inputChannels: 2, outputChannels: 3, window: Window(height: 3, width: 3, strideY: 2, strideX: 2),
                                    weights: random.floats(2 * 3 * 9), bias: nil)
        let pooling = PoolingLayer(.average, Window(height: 2, width: 2, strideY: 2, strideX: 2))
        let graph = try Graph(input: GraphInput(channels: 2, height: 8, width: 8), nodes: [
            Graph.Node(name: "conv", layer: conv, inputs: [.input]),
            Graph.Node(name: "pool", layer: pooling, inputs: [.input]),
            Graph.Node(name: "add", layer: AdditionLayer(), inputs: [.node(0), .node(1)]),
        ], outputs: [.node(2)])
        #expect(try graph.outputShapes(for: shape.sample) == [FeatureShape(channels: 3, height: 4, width: 4)])
        let x = random.floats(shape.count)
        let a = Naive.convolution(x, shape, conv), b = Naive.pool(x, shape, pooling)
        let expected = Naive.add(a.values, a.shape, b.values, b.shape).values
        for threads in [1, 2] {
            let actual = try Network(graph).run(Tensor(shape: shape, values: x), threads: threads)[0].values
            expectClose(actual, expected, "3×3×3 + 2×4×4")
        }
    }

    @Test func fullyConnectedFlattensChannelsThenRowsThenColumns() throws {
        var random = SeededGenerator(seed: 5)
        let shape = TensorShape(batch: 3, channels: 4, height: 2, width: 3)
        for bias in [false, true] {
            let dense = FullyConnectedLayer(inputs: 24, outputs: 7, weights: random.floats(24 * 7), bias: bias ? random.floats(7) : nil)
            let x = random.floats(shape.count)
            let expected = Naive.fullyConnected(x, shape, dense).values
            for actual in try run(dense, on: x, shape) {
                expectClose(actual, expected, "fc, bias \(bias)")
            }
        }
    }

    @Test func affinePerChannelAndPerValue() throws {
        var random = SeededGenerator(seed: 3)
        let shape = TensorShape(batch: 2, channels: 3, height: 4, width: 5)
        for count in [3, 60] {
            let affine = AffineLayer(scale: random.floats(count), shift: random.floats(count))
            let x = random.floats(shape.count)
            let expected = Naive.affine(x, shape, affine)
            for actual in try run(affine, on: x, shape) {
                expectClose(actual, expected, "affine with \(count) scales")
            }
        }
        let x = random.floats(shape.count)
        for actual in try run(ElementwiseLayer(.relu), on: x, shape) { expectClose(actual, Naive.relu(x), "relu") }
    }

    @Test func fusedGraphMatchesUnfused() throws {
        // conv → affine → relu → conv → affine → add(input branch) → relu: two fusions of each kind.
        var random = SeededGenerator(seed: 13)
        let shape = TensorShape(batch: 2, channels: 4, height: 7, width: 7)
        func conv() -> ConvolutionLayer {
            ConvolutionLayer(inputChannels: 4, outputChannels: 4, window: Window(height: 3, width: 3, paddingY: 1, paddingX: 1),
                             weights: random.floats(4 * 4 * 9), bias: random.floats(4))
        }
        func affine() -> AffineLayer { AffineLayer(scale: random.floats(4, in: 0.5...1.5), shift: random.floats(4)) }
        let graph = try Graph(input: GraphInput(channels: 4, height: nil, width: nil), nodes: [
            Graph.Node(name: "conv1", layer: conv(), inputs: [.input]),
            Graph.Node(name: "affine1", layer: affine(), inputs: [.node(0)]),
            Graph.Node(name: "relu1", layer: ElementwiseLayer(.relu), inputs: [.node(1)]),
            Graph.Node(name: "conv2", layer: conv(), inputs: [.node(2)]),
            Graph.Node(name: "affine2", layer: affine(), inputs: [.node(3)]),
            Graph.Node(name: "add", layer: AdditionLayer(), inputs: [.node(4), .input]),
            Graph.Node(name: "relu2", layer: ElementwiseLayer(.relu), inputs: [.node(5)]),
        ], outputs: [.node(6)])
        let fused = Network(graph), plain = Network(graph, fusingLayers: false)
        #expect(fused.graph.nodes.count == 3)
        #expect(plain.graph.nodes.count == 7)
        let x = Tensor(shape: shape, values: random.floats(shape.count))
        expectClose(try fused.run(x)[0].values, try plain.run(x)[0].values, "fused against unfused")
    }

    @Test func fusionKeepsValuesOtherNodesRead() throws {
        // The convolution's raw output is also a graph output, so the affine must stay separate.
        var random = SeededGenerator(seed: 17)
        let graph = try Graph(input: GraphInput(channels: 2, height: 5, width: 5), nodes: [
            Graph.Node(name: "conv", layer: ConvolutionLayer(inputChannels: 2, outputChannels: 2, window: Window(height: 1, width: 1),
                                                             weights: random.floats(4), bias: nil), inputs: [.input]),
            Graph.Node(name: "affine", layer: AffineLayer(scale: [2, 3], shift: [1, 1]), inputs: [.node(0)]),
        ], outputs: [.node(0), .node(1)])
        let network = Network(graph)
        #expect(network.graph.nodes.count == 2)
        let x = Tensor(shape: TensorShape(batch: 1, channels: 2, height: 5, width: 5), values: random.floats(50))
        let outputs = try network.run(x)
        expectClose(outputs[1].values, Naive.affine(outputs[0].values, outputs[0].shape, AffineLayer(scale: [2, 3], shift: [1, 1])), "affine after a shared convolution")
    }

    @Test func wrongInputsAreTypedErrors() throws {
        let graph = try Graph(input: GraphInput(channels: 3, height: 4, width: 4),
                              nodes: [Graph.Node(name: "relu", layer: ElementwiseLayer(.relu), inputs: [.input])], outputs: [.node(0)])
        let network = Network(graph)
        #expect(throws: GraphError.self) { try network.run(Tensor(zeros: TensorShape(batch: 1, channels: 3, height: 5, width: 4))) }
        #expect(throws: GraphError.invalidThreadCount(0)) { try network.run(Tensor(zeros: TensorShape(batch: 1, channels: 3, height: 4, width: 4)), threads: 0) }
        // A convolution whose weights do not match its declared size is caught when the graph is built.
        let bad = ConvolutionLayer(inputChannels: 3, outputChannels: 2, window: Window(height: 3, width: 3), weights: [1, 2, 3], bias: nil)
        #expect(throws: GraphError.self) {
            try Graph(input: GraphInput(channels: 3, height: 4, width: 4),
                      nodes: [Graph.Node(name: "conv", layer: bad, inputs: [.input])], outputs: [.node(0)])
        }
    }
}
