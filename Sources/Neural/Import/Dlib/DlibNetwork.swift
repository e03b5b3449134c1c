import Foundation

/// A network loaded from a dlib `.dat` file (`dlib::serialize(net)`), ready to run.
///
/// The layers, their order and their connections all come from the file: the importer reads
/// the wrappers and layer records and builds a ``Graph``. The input layer (pixel means and
/// size) and the loss layer (how to read the output) are kept as data for the caller.
/// Loading is the only slow step; a loaded network is immutable and serves concurrent callers.
///
///     let net = try DlibNetwork(contentsOf: ".../dlib_face_recognition_resnet_model_v1.dat")
///     let outputs = try net.outputs(forRGB: chips, rows: 150, columns: 150)   // 128 floats each
public final class DlibNetwork: Sendable {
    public let input: DlibInputLayer
    public let loss: DlibLossLayer
    /// The graph as the file describes it, one node per computing layer.
    public let graph: Graph
    /// dlib's `layer<N>` number of each node of ``graph`` (1 is the layer under the loss), as
    /// C++ code would address it.
    public let layerNumbers: [Int]
    /// The graph with layers fused, ready to run.
    public let network: Network

    public convenience init(contentsOf path: String) throws {
        try self.init(reader: DlibReader(contentsOf: path))
    }

    /// Reads a network from bytes; `reader` names the file in errors.
    public init(reader: DlibReader) throws {
        let structure = try DlibNetworkStructure.parse(reader)
        let (graph, layerNumbers) = try DlibGraphBuilder.build(structure, file: reader.file)
        self.input = structure.input
        self.loss = structure.loss
        self.graph = graph
        self.layerNumbers = layerNumbers
        self.network = Network(graph)
    }

    /// Runs the network on an input tensor (see ``DlibInputLayer/tensor(fromRGB:rows:columns:)``)
    /// and returns its output: `batch × outputs × 1 × 1` for the face model.
    public func run(_ input: Tensor, threads: Int = 1) throws -> Tensor {
        try network.run(input, threads: threads)[0]
    }

    /// The output of each image, given as interleaved RGB bytes of `rows × columns` pixels.
    /// All images run as one batch; pass them together for speed.
    public func outputs(forRGB images: [[UInt8]], rows: Int, columns: Int, threads: Int = 1) throws -> [[Float]] {
        let output = try run(input.tensor(fromRGB: images, rows: rows, columns: columns), threads: threads)
        return (0..<output.shape.batch).map(output.sample)
    }
}
