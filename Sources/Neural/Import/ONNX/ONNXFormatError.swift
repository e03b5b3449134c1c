/// An `.onnx` file that could not be read: where in the file, inside which message and field, and why.
///
/// Thrown for truncated or corrupt bytes, for files that are not ONNX at all, and for valid ONNX
/// that this reader deliberately does not handle (external tensor data, exotic element types),
/// so that a model either loads completely or fails at load time with a reason.
public struct ONNXFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file path, or `<memory>` for bytes handed over directly.
    public let file: String
    /// Byte offset from the start of the file where reading failed.
    public let offset: Int
    /// The message and field being read, e.g. `TensorProto.rawData`, or just the message name
    /// when the failure is about the message as a whole.
    public let context: String
    public let reason: String

    public init(file: String, offset: Int, context: String, reason: String) {
        self.file = file
        self.offset = offset
        self.context = context
        self.reason = reason
    }

    public var description: String {
        "\(file): not a readable ONNX model (byte \(offset), in \(context)): \(reason)"
    }
}
