/// A graph that cannot be built or run: which node, and what disagrees.
public enum GraphError: Error, CustomStringConvertible, Sendable, Equatable {
    case wrongInputCount(node: String, layer: String, expected: Int, found: Int)
    case invalidReference(node: String, source: Int)
    case noOutputs
    /// A layer's parameters do not fit its input (channel counts, weight counts, window sizes).
    case shapeMismatch(node: String, reason: String)
    /// The tensor given to ``Network/run(_:threads:)`` does not fit the graph input.
    case inputMismatch(expected: String, found: TensorShape)
    case invalidThreadCount(Int)

    public var description: String {
        switch self {
        case let .wrongInputCount(node, layer, expected, found):
            "node \(node): a \(layer) layer takes \(expected) input(s), the graph gives it \(found); the model file is malformed"
        case let .invalidReference(node, source):
            "node \(node) reads node \(source), which does not come before it; the model file is malformed"
        case .noOutputs:
            "the graph has no outputs; the model file is malformed"
        case let .shapeMismatch(node, reason):
            "node \(node): \(reason); the model file does not describe a consistent network"
        case let .inputMismatch(expected, found):
            "the network takes \(expected) samples but was given a \(found) tensor; resize or convert the input first"
        case let .invalidThreadCount(count):
            "thread count \(count) is invalid: use 1 or more"
        }
    }
}
