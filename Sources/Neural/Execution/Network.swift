import NeuralKernels

/// A graph ready to run on batches of input.
///
/// Creating a network fuses layers (``Graph/fusingLayers()``) and compiles each one
/// (``Layer/compiled()``): weights copied into aligned memory, the filters of 3×3 stride-1
/// convolutions transformed for Winograd's algorithm. A network is immutable
/// afterwards: each ``run(_:threads:)`` call plans and allocates its own activation and scratch
/// memory, so one network serves any number of concurrent callers.
///
/// `threads` is the parallelism *inside* one call: convolutions share their blocks of output
/// positions (or, for a small batch, their matrix products) between that many threads. OpenBLAS
/// itself always runs on the calling thread (``OpenBLAS/runOnCallingThread()``), so callers may
/// also run several batches concurrently, one thread each, which is the better choice when
/// there are many inputs.
public final class Network: Sendable {
    /// The graph this network runs (after fusion, when enabled).
    public let graph: Graph
    private let layers: [any CompiledLayer]

    public init(_ graph: Graph, fusingLayers: Bool = true) {
        OpenBLAS.runOnCallingThread()
        self.graph = fusingLayers ? graph.fusingLayers() : graph
        layers = self.graph.nodes.map { $0.layer.compiled() }
    }

    /// Runs the network on an NCHW batch and returns its outputs, in the order of
    /// ``Graph/outputs``, as NCHW batches of the same size.
    public func run(_ input: Tensor, threads: Int = 1) throws(GraphError) -> [Tensor] {
        guard threads >= 1 else { throw .invalidThreadCount(threads) }
        guard graph.input.accepts(input.shape.sample) else {
            throw .inputMismatch(expected: graph.input.summary, found: input.shape)
        }
        let batch = input.shape.batch
        let nodeShapes = try graph.shapes(for: input.shape.sample)
        let valueShapes = [input.shape.sample] + nodeShapes
        func value(_ source: Graph.Source) -> Int {
            if case .node(let index) = source { return index + 1 }
            return 0
        }
        let inputsOf = graph.nodes.map { $0.inputs.map(value) }
        let scratchCount = layers.indices.map { index in
            layers[index].scratchCount(inputs: inputsOf[index].map { valueShapes[$0] }, batch: batch, threads: threads)
        }.max() ?? 0
        let plan = MemoryPlan(graph: graph, valueShapes: valueShapes, batch: batch, scratchCount: scratchCount)

        let arenaMemory = AlignedFloats(uninitializedCount: plan.totalCount)
        defer { withExtendedLifetime(arenaMemory) {} }
        let arena = arenaMemory.base
        let sample = input.shape.sample
        input.withUnsafeBufferPointer { source in
            swapOuterAxes(source.baseAddress!, arena + plan.offsets[0],
                          outer: batch, inner: sample.channels, area: sample.height * sample.width)
        }
        for (index, layer) in layers.enumerated() {
            let inputs = inputsOf[index]
            layer.run(LayerCall(inputs: inputs.map { UnsafePointer(arena + plan.offsets[$0]) },
                                shapes: inputs.map { valueShapes[$0] }, batch: batch,
                                output: arena + plan.offsets[index + 1], outputShape: nodeShapes[index],
                                scratch: arena + plan.scratchOffset, threads: threads))
        }
        return graph.outputs.map { source in
            let v = value(source), shape = valueShapes[v]
            var tensor = Tensor(zeros: TensorShape(batch: batch, sample: shape))
            tensor.withUnsafeMutableBufferPointer { destination in
                swapOuterAxes(arena + plan.offsets[v], destination.baseAddress!,
                              outer: shape.channels, inner: batch, area: shape.height * shape.width)
            }
            return tensor
        }
    }
}
