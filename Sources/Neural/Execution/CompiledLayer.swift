/// A layer with its parameters ready for the kernels: what ``Network`` runs for each node.
///
/// Made once by ``Layer/compiled()`` when a network is created and read-only afterwards, so any
/// number of runs may use it at the same time. A layer with parameters to prepare (aligned
/// copies, transformed filters) compiles to a type of its own that owns that memory; one without
/// runs as it is.
public protocol CompiledLayer: Sendable {
    /// Floats of scratch memory the layer needs for a batch on inputs of `inputs` shapes; zero
    /// unless the layer says otherwise.
    func scratchCount(inputs: [FeatureShape], batch: Int, threads: Int) -> Int

    /// Runs the layer on one batch.
    func run(_ call: LayerCall)
}

extension CompiledLayer {
    public func scratchCount(inputs: [FeatureShape], batch: Int, threads: Int) -> Int { 0 }
}

/// What one run of a compiled layer works on: a batch in the kernels' channel-major layout
/// (`ChannelMajorLayout.swift` in NeuralKernels: the plane of channel `c` of sample `n` starts
/// at `(c · batch + n) · height · width`), inputs and output alike.
public struct LayerCall {
    /// The node's inputs, in its input order, and their sample shapes.
    public let inputs: [UnsafePointer<Float>]
    public let shapes: [FeatureShape]
    public let batch: Int
    /// Where the output goes, and its sample shape (as the layer's shape rule gave it).
    public let output: UnsafeMutablePointer<Float>
    public let outputShape: FeatureShape
    /// At least ``CompiledLayer/scratchCount(inputs:batch:threads:)`` floats the layer may use
    /// as it likes during the run.
    public let scratch: UnsafeMutablePointer<Float>
    /// How many threads the layer may share its work between.
    public let threads: Int
}
