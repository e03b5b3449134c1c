import NeuralKernels

/// A network loaded from an `.onnx` file, ready to run.
///
/// The graph comes from the file: every node is translated into the engine's layers
/// (``ONNXGraphBuilder``), and a node the engine cannot reproduce exactly fails the load with an
/// ``ONNXNetworkError`` naming the operator and the node. Loading is the only slow step; a loaded
/// network is immutable and serves concurrent callers.
///
/// The engine computes channels-first (NCHW). Layout moves in the file (a channels-last input
/// transposed to NCHW, NCHW outputs transposed back, flattens and reshapes) are absorbed: each
/// graph input and output has an ``ONNXBinding`` whose ``ONNXLayout`` says how its ONNX tensor
/// lies over the engine's tensor. ``run(_:threads:)`` takes and returns tensors exactly as the
/// file declares them; ``network`` runs the engine's NCHW tensors directly, for callers that
/// lay their data out themselves.
///
///     let pnet = try ONNXNetwork(contentsOf: ".../pnet.onnx")
///     let outputs = try pnet.run(ONNXArray(dimensions: [1, 120, 90, 3], values: pixels))
public final class ONNXNetwork: Sendable {
    /// The graph as translated, one node per layer the file implies.
    public let graph: Graph
    /// The graph with layers fused, ready to run on NCHW tensors.
    public let network: Network
    public let input: ONNXBinding
    /// In the order the file lists them, which is the order of ``Network/run(_:threads:)``'s results.
    public let outputs: [ONNXBinding]
    /// The engine value behind every ONNX value computed at run time, by name.
    private let values: [String: ONNXGraphBuilder.Computed]

    public convenience init(contentsOf path: String) throws {
        try self.init(model: ONNXModel(contentsOf: path), file: path)
    }

    /// Translates an already read model; `file` names it in errors.
    public init(model: ONNXModel, file: String = "<memory>") throws(ONNXNetworkError) {
        let built = try ONNXGraphBuilder.build(model, file: file)
        graph = built.graph
        input = built.input
        outputs = built.outputs
        values = built.values
        network = Network(graph)
    }

    /// Runs the network on one input laid out as the file declares it and returns every graph
    /// output, in the file's order, laid out as the file declares it.
    public func run(_ array: ONNXArray, threads: Int = 1) throws -> [ONNXArray] {
        let tensor = try engineTensor(array)
        let results = try network.run(tensor, threads: threads)
        return zip(outputs, results).map { binding, result in
            ONNXArray(dimensions: binding.layout.dimensions(batch: result.shape.batch, sample: result.shape.sample),
                      values: Self.values(of: result, in: binding.layout.order))
        }
    }

    /// The ONNX shape of every value the graph computes (intermediates included) for a batch of
    /// `batch` on an input of `sample` shape (nil: the file's fixed size), as the importer infers
    /// it: to compare with the file's `value_info`.
    public func inferredShapes(batch: Int = 1, sample: FeatureShape? = nil) throws -> [String: [Int]] {
        guard let sample = sample ?? graph.input.fixedShape else {
            throw ONNXNetworkError.inputMismatch(expected: graph.input.summary, found: [])
        }
        let shapes = try graph.shapes(for: sample)
        var result: [String: [Int]] = [:]
        for (name, value) in values {
            var shape = graph.shape(of: value.source, input: sample, nodeShapes: shapes)
            shape.channels += value.padding.channels
            shape.height += value.padding.height
            shape.width += value.padding.width
            result[name] = value.layout.dimensions(batch: batch, sample: shape)
        }
        return result
    }

    /// The engine's NCHW tensor for an input laid out as ``input`` says.
    private func engineTensor(_ array: ONNXArray) throws -> Tensor {
        let dims = array.dimensions
        var fixedBatch = 0
        if case .fixed(let batch)? = input.declaredShape?.first { fixedBatch = batch }
        let expected = input.layout.dimensions(batch: fixedBatch, sample: FeatureShape(channels: graph.input.channels,
                                                                                  height: graph.input.height ?? 0,
                                                                                  width: graph.input.width ?? 0))
        let mismatch = ONNXNetworkError.inputMismatch(expected: "\(expected.map { $0 == 0 ? "any" : String($0) })", found: dims)
        guard dims.count == 4, dims.allSatisfy({ $0 >= 1 }),
              let count = product(dims[0], dims[1], dims[2], dims[3]), count == array.values.count else { throw mismatch }
        let channelsLast = input.layout.order == .channelsLast
        let shape = channelsLast
            ? TensorShape(batch: dims[0], channels: dims[3], height: dims[1], width: dims[2])
            : TensorShape(batch: dims[0], channels: dims[1], height: dims[2], width: dims[3])
        guard graph.input.accepts(shape.sample) else { throw mismatch }
        // A file that fixes the batch size may rely on it (a Reshape to [1, -1, k]).
        if fixedBatch != 0, fixedBatch != shape.batch { throw mismatch }
        guard channelsLast else { return Tensor(shape: shape, values: array.values) }
        var tensor = Tensor(zeros: shape)
        let area = shape.height * shape.width, channels = shape.channels
        tensor.withUnsafeMutableBufferPointer { destination in
            array.values.withUnsafeBufferPointer { source in
                for n in 0..<shape.batch {
                    // Each sample is area × channels; the engine wants channels × area.
                    transposeMatrix(source.baseAddress! + n * count / shape.batch, rows: area, columns: channels,
                                    into: destination.baseAddress! + n * count / shape.batch)
                }
            }
        }
        return tensor
    }

    /// A result's values in the ONNX element order `order`.
    private static func values(of tensor: Tensor, in order: ONNXLayout.Order) -> [Float] {
        let shape = tensor.shape.sample
        let area = shape.height * shape.width
        guard order == .channelsLast, area > 1, shape.channels > 1 else { return tensor.values }
        return tensor.withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: tensor.shape.count) { destination, initialized in
                for n in 0..<tensor.shape.batch {
                    transposeMatrix(source.baseAddress! + n * shape.count, rows: shape.channels, columns: area,
                                    into: destination.baseAddress! + n * shape.count)
                }
                initialized = tensor.shape.count
            }
        }
    }
}

/// Writes the `rows × columns` row-major matrix at `source` transposed, as `columns × rows`.
private func transposeMatrix(_ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>) {
    if columns < rows {
        for c in 0..<columns {
            let target = destination + c &* rows
            for r in 0..<rows { target[r] = source[r &* columns &+ c] }
        }
    } else {
        for r in 0..<rows {
            let line = source + r &* columns
            for c in 0..<columns { destination[c &* rows &+ r] = line[c] }
        }
    }
}
