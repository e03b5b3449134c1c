/// Why an ONNX model cannot become a ``Network``, or why a run was refused.
///
/// Every operator the importer does not reproduce exactly is refused at load time, naming the
/// operator and the node, so a model either runs as its file says or does not load at all.
public enum ONNXNetworkError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The model uses an operator the importer has no translation for.
    case unsupportedOperator(file: String, operator: String, node: String)
    /// A known operator used in a way the engine cannot reproduce (an attribute value, a
    /// broadcast, an input that is not a constant).
    case unsupportedUse(file: String, operator: String, node: String, reason: String)
    /// The graph contradicts itself: a missing value, weights of the wrong size.
    case malformed(file: String, node: String, reason: String)
    /// The input handed to ``ONNXNetwork/run(_:threads:)`` does not have the shape the model takes.
    case inputMismatch(expected: String, found: [Int])

    public var description: String {
        switch self {
        case let .unsupportedOperator(file, op, node):
            "\(file): node \(node) uses the ONNX operator \(op), which Footfall's importer does not support; "
                + "export the model without it, or add a translation in Neural/Import/ONNX"
        case let .unsupportedUse(file, op, node, reason):
            "\(file): node \(node) (\(op)): \(reason), which Footfall's importer does not support"
        case let .malformed(file, node, reason):
            "\(file): node \(node): \(reason); the model file is malformed"
        case let .inputMismatch(expected, found):
            "the network takes input of shape \(expected) but was given \(found); resize or convert the input first"
        }
    }
}
