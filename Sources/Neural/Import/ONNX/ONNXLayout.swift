/// How an ONNX tensor relates to the engine's value behind it.
///
/// The engine computes every sample as channels × height × width. ONNX models also move data
/// into other layouts (keras2onnx files are channels-last at their edges) and flatten or reshape
/// it; the importer follows those moves without copying anything, by recording for each ONNX
/// value how its elements are arranged over the engine value:
///
/// - `order`: `.channelsFirst` lists a sample's elements channel by channel (the engine's own
///   order); `.channelsLast` lists them position by position, the channels of each together
///   (what `Transpose [0, 2, 3, 1]` of an NCHW tensor holds).
/// - `form`: the ONNX shape built over that order: `.image` is rank 4, `[N, C, H, W]` or
///   `[N, H, W, C]`; `.matrix` is rank 2, `[N, C·H·W]`; `.rows(k)` is rank 3, `[N, C·H·W / k, k]`.
///
/// Whatever the form, a sample's ONNX elements in row-major order are the engine's elements
/// listed in `order`: forms differ only in how that one sequence is cut into axes.
///
/// Rank-3 tensors need a second look when an operator works along one of their axes (a
/// softmax over each row, a slice or concatenation of columns). A `.rows(k)` value whose
/// order is `.channelsLast` and whose engine value has exactly `k` channels has its columns on
/// the engine's channel axis: row `i` is engine position `i` (rows run through the positions
/// row by row), column `j` is channel `j`. Operators along the last ONNX axis then run as
/// channel operations. Any other `.rows(k)` value (six channels of a detection head after
/// `Transpose [0, 2, 3, 1]` and `Reshape [1, -1, 2]`, say) is first regrouped into that form by
/// a ``RowRegroupingLayer``: `k` channels, one column, one engine row per ONNX row. Joining rows
/// (`Concat` on axis 1) is then a ``ConcatenationLayer/Axis/positions`` concatenation.
public struct ONNXLayout: Sendable, Hashable, CustomStringConvertible {
    public enum Order: Sendable, Hashable {
        case channelsFirst
        case channelsLast
    }

    public enum Form: Sendable, Hashable {
        case image
        case matrix
        case rows(Int)
    }

    public var order: Order
    public var form: Form

    public init(order: Order, form: Form) {
        self.order = order
        self.form = form
    }

    /// How many axes the ONNX tensor has, batch included.
    public var rank: Int {
        switch form {
        case .image: 4
        case .matrix: 2
        case .rows: 3
        }
    }

    /// Whether a value of `channels` channels in this layout is a rank-3 tensor whose columns
    /// are the engine's channels (see the type's documentation).
    public func hasColumnsAsChannels(_ channels: Int) -> Bool {
        order == .channelsLast && form == .rows(channels)
    }

    /// The ONNX shape of a batch of `batch` engine samples of `sample` shape.
    public func dimensions(batch: Int, sample: FeatureShape) -> [Int] {
        switch (form, order) {
        case (.image, .channelsFirst): [batch, sample.channels, sample.height, sample.width]
        case (.image, .channelsLast): [batch, sample.height, sample.width, sample.channels]
        case (.matrix, _): [batch, sample.count]
        case (.rows(let width), _): [batch, sample.count / max(width, 1), width]
        }
    }

    public var description: String {
        let order = self.order == .channelsFirst ? "channels first" : "channels last"
        switch form {
        case .image: return "\(order) image"
        case .matrix: return "\(order) matrix"
        case .rows(let width): return "\(order) rows of \(width)"
        }
    }
}

/// A graph input or output of an ONNX model: its name, what the file declares about its shape,
/// and how its elements lie over the engine's NCHW tensor.
public struct ONNXBinding: Sendable, Equatable {
    public let name: String
    public let declaredShape: [ONNXDimension]?
    public let layout: ONNXLayout
}

/// A tensor as ONNX sees it: a shape and its elements in row-major order.
public struct ONNXArray: Sendable, Equatable {
    public var dimensions: [Int]
    public var values: [Float]

    public init(dimensions: [Int], values: [Float]) {
        self.dimensions = dimensions
        self.values = values
    }
}
