import Neural
import Testing

/// The importer on small networks written byte for byte like dlib writes them: the wrappers the
/// face model does not use (`repeat`, a tag on the input), every record version, and the same
/// computation done by the naive loops.
@Suite struct DlibImporterTests {
    static let tolerance: Float = 1e-4

    func conv(_ random: inout SeededGenerator, _ inputs: Int, _ outputs: Int, stride: Int = 1, padding: Int = 1,
              bias: Bool = true, relu: Bool = false) -> ConvolutionLayer {
        ConvolutionLayer(inputChannels: inputs, outputChannels: outputs,
                    window: Window(height: 3, width: 3, strideY: stride, strideX: stride, paddingY: padding, paddingX: padding),
                    weights: random.floats(outputs * inputs * 9, in: -0.3...0.3),
                    bias: bias ? random.floats(outputs, in: -0.1...0.1) : nil, activation: relu ? .relu : .identity)
    }

    /// A residual network with a `repeat` of two residual blocks and a downsampling block that
    /// uses `skip`, on a sized input, in the current record versions:
    ///
    ///     fc_3 ∘ avg_pool(everything) ∘ residual_down ∘ repeat<2, residual> ∘ relu ∘ bn_con ∘ con_5 ∘ input
    ///
    /// with `residual = relu<add_prev1<affine<con<tag1<…>>>>>` and
    /// `residual_down = add_prev2<avg_pool<2,2,2,2, skip1<tag2<con<stride 2, tag1<…>>>>>>`.
    @Test func repeatTagsAndSkipsBuildTheResidualGraph() throws {
        var random = SeededGenerator(seed: 21)
        let means: [Float] = [120.5, 110.25, 100.125]
        let stem = conv(&random, 3, 4, bias: false)
        let (gamma, beta, bnMeans, variances) = (random.floats(4, in: 0.5...1.5), random.floats(4),
                                                 random.floats(4), random.floats(4, in: 0.5...2))
        let blocks = (0..<2).map { _ in
            (conv(&random, 4, 4, relu: false), random.floats(4, in: 0.5...1.5), random.floats(4, in: -0.2...0.2))
        }
        let down = conv(&random, 4, 6, stride: 2, padding: 0)
        let dense = FullyConnectedLayer(inputs: 6, outputs: 5, weights: random.floats(30), bias: random.floats(5))
        let poolWindow = Window(height: 2, width: 2, strideY: 2, strideX: 2)

        // The repeat writes block 0 (nearest the output) first; each block is built the same way,
        // so give the blocks their own weights through a counter that runs in writing order.
        var written = 0
        let residual: (DlibTestNetwork) -> DlibTestNetwork = { below in
            defer { written += 1 }
            let (blockConv, scale, shift) = blocks[written]
            return .layer(.relu("relu_2"), .layer(.addPrevious, .layer(.affine("affine_2", scale: scale, shift: shift),
                                                                             .layer(.convolution("con_6", blockConv), .tag(below)))))
        }
        let stack: DlibTestNetwork = .layer(.relu("relu_2"),
            .layer(.batchNorm(gamma: gamma, beta: beta, means: bnMeans, variances: variances, epsilon: 1e-5),
                   .layer(.convolution("con_5", stem), .input(means: means, size: (8, 8)))))
        let repeated = DlibTestNetwork.repeated(count: 2, block: residual, stack)
        let residualDown: DlibTestNetwork = .layer(.addPrevious, .layer(.pool("avg_pool_2", poolWindow),
            .skip(.tag(.layer(.convolution("con_6", down), .tag(repeated))))))
        let body: DlibTestNetwork = .layer(.fullyConnected("fc_3", dense),
                                           .layer(.pool("avg_pool_2", Window(height: 0, width: 0)), residualDown))
        let bytes = body.file { bytes in
            bytes.string("loss_metric_2")
            bytes.float(0.25)
            bytes.float(0.5)
        }
        let network = try DlibNetwork(reader: DlibReader(bytes: bytes, file: "residual.dat"))
        #expect(network.loss == .metric(margin: 0.25, distanceThreshold: 0.5))
        #expect(network.input == DlibInputLayer(kind: "input_rgb_image_sized", means: means, rows: 8, columns: 8))
        // fc, pool, add, pool, conv, 2 × (relu, add, affine, conv), relu, bn, conv: tags and skips add no nodes.
        #expect(network.graph.nodes.count == 16)
        #expect(network.layerNumbers.first == 21 && network.layerNumbers.last == 1)

        // The same computation by hand. dlib's batch norm in inference: γ(x − mean)/√(var + ε) + β.
        var random2 = SeededGenerator(seed: 99)
        let pixels = (0..<2).map { _ in (0..<8 * 8 * 3).map { _ in UInt8.random(in: 0...255, using: &random2) } }
        let input = try network.input.tensor(fromRGB: pixels, rows: 8, columns: 8)
        var shape = input.shape
        var x = Naive.convolution(input.values, shape, stem)
        shape = x.shape
        let bnScale = (0..<4).map { gamma[$0] / (variances[$0] + 1e-5).squareRoot() }
        let bnShift = (0..<4).map { beta[$0] - bnScale[$0] * bnMeans[$0] }
        var y = Naive.relu(Naive.affine(x.values, shape, AffineLayer(scale: bnScale, shift: bnShift)))
        for (blockConv, scale, shift) in blocks.reversed() {
            let z = Naive.convolution(y, shape, blockConv)
            let a = Naive.affine(z.values, z.shape, AffineLayer(scale: scale, shift: shift))
            y = Naive.relu(Naive.add(a, z.shape, y, shape).values)
        }
        let branch = Naive.convolution(y, shape, down)
        let pooled = Naive.pool(y, shape, PoolingLayer(.average, poolWindow))
        x = Naive.add(pooled.values, pooled.shape, branch.values, branch.shape)
        let global = Naive.pool(x.values, x.shape, .wholeInput(.average))
        let expected = Naive.fullyConnected(global.values, global.shape, dense).values

        for threads in [1, 2] {
            let output = try network.run(input, threads: threads)
            #expect(output.shape == TensorShape(batch: 2, channels: 5, height: 1, width: 1))
            let difference = maxAbsoluteDifference(output.values, expected)
            #expect(difference <= Self.tolerance, "\(threads) thread(s): max difference \(difference)")
        }
    }

    /// The oldest record versions dlib still reads, a tag directly on an unsized input, and
    /// disabled layers:
    ///
    ///     fc_2 ∘ max_pool(3×3, stride 2, padding 1) ∘ add_prev1 ∘ relu_2(disabled) ∘ relu_ ∘
    ///     affine_2(disabled) ∘ affine_ ∘ con_4 ∘ tag1 ∘ input_rgb_image
    @Test func oldRecordVersionsAndATagOnTheInput() throws {
        var random = SeededGenerator(seed: 5)
        let first = conv(&random, 3, 3)
        let (scale, shift) = (random.floats(3, in: 0.5...1.5), random.floats(3))
        let dense = FullyConnectedLayer(inputs: 3 * 3 * 4, outputs: 4, weights: random.floats(36 * 4), bias: random.floats(4))
        let pooling = Window(height: 3, width: 3, strideY: 2, strideX: 2, paddingY: 1, paddingX: 1)
        let convolved: DlibTestNetwork = .layer(.affine("affine_2", scale: [9, 9, 9], shift: [9, 9, 9], disabled: true),
            .layer(.affine("affine_", scale: scale, shift: shift),
                   .layer(.convolution("con_4", first), .tag(.input(means: [1, 2, 3], size: nil)))))
        let body: DlibTestNetwork = .layer(.fullyConnected("fc_2", dense), .layer(.pool("max_pool_2", pooling),
            .layer(.addPrevious, .layer(.relu("relu_2", disabled: true), .layer(.relu("relu_"), convolved)))))
        let bytes = body.file { $0.string("loss_metric_") }
        let network = try DlibNetwork(reader: DlibReader(bytes: bytes, file: "old.dat"))
        #expect(network.loss == .metric(margin: 0.1, distanceThreshold: 0.75))
        #expect(network.input.rows == nil && network.input.columns == nil)
        #expect(network.graph.nodes.count == 6)

        let pixels = [(0..<6 * 7 * 3).map { UInt8(($0 * 37) % 256) }]
        let input = try network.input.tensor(fromRGB: pixels, rows: 6, columns: 7)
        let c = Naive.convolution(input.values, input.shape, first)
        let a = Naive.relu(Naive.affine(c.values, c.shape, AffineLayer(scale: scale, shift: shift)))
        let sum = Naive.add(a, c.shape, input.values, input.shape)
        let pooled = Naive.pool(sum.values, sum.shape, PoolingLayer(.max, pooling))
        let expected = Naive.fullyConnected(pooled.values, pooled.shape, dense).values
        let difference = maxAbsoluteDifference(try network.run(input).values, expected)
        #expect(difference <= Self.tolerance, "max difference \(difference)")
    }

    @Test func unsupportedAndInconsistentRecordsAreTypedErrors() {
        var random = SeededGenerator(seed: 8)
        let loss: (inout DlibBytes) -> Void = { $0.string("loss_metric_") }
        // An unknown layer record.
        let unknown = DlibTestNetwork.layer(DlibTestRecord { $0.string("gelu_") }, .input(means: [0, 0, 0], size: (4, 4)))
        // A convolution expecting 5 input channels on a 3-channel input: the importer reads it,
        // shape inference rejects it.
        let mismatched = DlibTestNetwork.layer(.convolution("con_5", conv(&random, 5, 2)), .input(means: [0, 0, 0], size: (4, 4)))
        // An add_prev with no tag below it.
        let untagged = DlibTestNetwork.layer(.addPrevious, .layer(.relu("relu_"), .input(means: [0, 0, 0], size: (4, 4))))
        #expect(throws: DlibFormatError.self) { try DlibNetwork(reader: DlibReader(bytes: unknown.file(loss: loss))) }
        #expect(throws: GraphError.self) { try DlibNetwork(reader: DlibReader(bytes: mismatched.file(loss: loss))) }
        #expect(throws: DlibFormatError.self) { try DlibNetwork(reader: DlibReader(bytes: untagged.file(loss: loss))) }
    }

    @Test func inputImagesMustFitTheInputLayer() throws {
        let layer = DlibInputLayer(kind: "input_rgb_image_sized", means: [0, 0, 0], rows: 2, columns: 2)
        #expect(throws: DlibInputError.noImages) { try layer.tensor(fromRGB: [], rows: 2, columns: 2) }
        #expect(throws: DlibInputError.self) { try layer.tensor(fromRGB: [[UInt8](repeating: 0, count: 27)], rows: 3, columns: 3) }
        #expect(throws: DlibInputError.wrongByteCount(image: 0, expected: 12, found: 4)) {
            try layer.tensor(fromRGB: [[1, 2, 3, 4]], rows: 2, columns: 2)
        }
        // Planar R, G, B; each value (pixel − mean) / 256.
        let planar = DlibInputLayer(kind: "input_rgb_image_sized", means: [10, 20, 30], rows: 1, columns: 2)
        let tensor = try planar.tensor(fromRGB: [[10, 20, 30, 138, 148, 158]], rows: 1, columns: 2)
        #expect(tensor.values == [0, 0.5, 0, 0.5, 0, 0.5])
    }
}
