/// One operation of a network graph, with its parameters: what a ``Graph/Node`` computes.
///
/// Each kind of layer is one type, in one file of this folder, that holds everything the engine
/// knows about it: its parameters, the shape rule that checks them against its inputs, its cost,
/// how it merges with the layer after it, and which kernel runs it (``compiled()``). The graph,
/// shape inference, fusion and ``Network`` only call these requirements and never list the
/// kinds, so a new kind is a new file; an importer then builds it where its file format names
/// it. Code that needs one particular kind finds it by type (`as? AffineLayer`), as a
/// convolution's ``absorbing(_:)`` does for the affine layer it folds in.
///
/// Every layer works on one sample at a time, so a graph runs on any batch size. Importers
/// (dlib `.dat`, ONNX) translate their files' layer records into layers.
public protocol Layer: Sendable {
    /// A short name for messages.
    var kind: String { get }

    /// How many inputs the layer takes; nil for any number from one up. One unless the layer
    /// says otherwise.
    var arity: Int? { get }

    /// The shape this layer produces from inputs of `inputs` shapes (as many as ``arity``
    /// says), or why its parameters do not fit them.
    func outputShape(for inputs: [FeatureShape]) throws(ShapeMismatch) -> FeatureShape

    /// The output's channel count from the inputs' channel counts alone: all an importer knows
    /// of a value while the graph's input size is open. The first input's count unless the layer
    /// says otherwise.
    func outputChannels(for inputChannels: [Int]) -> Int

    /// Floating-point operations for one sample, counting a multiply-add as two (see
    /// ``Graph/floatingPointOperations(for:)``). Zero unless the layer says otherwise: only
    /// convolutions and dense layers count.
    func floatingPointOperations(inputs: [FeatureShape], output: FeatureShape) -> Int

    /// This layer followed by `next`, as one layer, when the two merge (see
    /// ``Graph/fusingLayers()``); nil unless the layer says otherwise.
    func absorbing(_ next: any Layer) -> (any Layer)?

    /// The layer with its parameters ready for the kernels; ``Network`` calls it once per node.
    /// A layer that is its own ``CompiledLayer`` (no parameters to prepare) returns itself.
    func compiled() -> any CompiledLayer
}

extension Layer {
    public var arity: Int? { 1 }

    public func outputChannels(for inputChannels: [Int]) -> Int { inputChannels[0] }

    public func floatingPointOperations(inputs: [FeatureShape], output: FeatureShape) -> Int { 0 }

    public func absorbing(_ next: any Layer) -> (any Layer)? { nil }
}

extension Layer where Self: CompiledLayer {
    public func compiled() -> any CompiledLayer { self }
}
