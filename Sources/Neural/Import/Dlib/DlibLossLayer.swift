/// The loss layer a dlib network was trained with: it says how to read the network's output.
public enum DlibLossLayer: Sendable, Equatable {
    /// `loss_metric`: the output is an embedding; two inputs match when their outputs are closer
    /// than `distanceThreshold` (Euclidean). `margin` is the training margin around it.
    case metric(margin: Float, distanceThreshold: Float)

    static let names: Set<String> = ["loss_metric_", "loss_metric_2"]

    static func read(_ reader: inout DlibReader) throws -> DlibLossLayer {
        let start = reader.offset
        let name = try reader.readString(limit: 64)
        switch name {
        case "loss_metric_":
            // The first version had these values built in.
            return .metric(margin: 0.1, distanceThreshold: 0.75)
        case "loss_metric_2":
            return .metric(margin: try reader.readFloat(), distanceThreshold: try reader.readFloat())
        default:
            throw reader.error("unsupported dlib loss layer \"\(name)\"; this importer reads \(names.sorted().joined(separator: ", "))", at: start)
        }
    }
}
