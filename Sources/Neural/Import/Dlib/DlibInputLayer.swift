/// The input layer of a dlib network: how RGB pixels become the network's input tensor.
///
/// dlib's `input_rgb_image` and `input_rgb_image_sized` turn each 8-bit pixel into three planes,
/// red, green, blue, each value `(pixel − mean) / 256` with the channel means stored in the file
/// (122.782, 117.001, 104.298 for the face models).
public struct DlibInputLayer: Sendable, Equatable {
    /// The record name in the file.
    public let kind: String
    /// Mean red, green and blue, subtracted before scaling.
    public let means: [Float]
    /// The one image size a sized input layer accepts, or nil for any size.
    public let rows: Int?
    public let columns: Int?

    public init(kind: String, means: [Float], rows: Int?, columns: Int?) {
        self.kind = kind
        self.means = means
        self.rows = rows
        self.columns = columns
    }

    /// Every input layer name this importer reads.
    static let names: Set<String> = ["input_rgb_image", "input_rgb_image_sized"]

    /// What the graph built on this layer takes: 3 planes, of the fixed size when there is one.
    var graphInput: GraphInput {
        GraphInput(channels: 3, height: rows, width: columns)
    }

    static func read(_ reader: inout DlibReader) throws -> DlibInputLayer {
        let start = reader.offset
        let kind = try reader.readString(limit: 64)
        guard names.contains(kind) else {
            throw reader.error("unsupported dlib input layer \"\(kind)\"; this importer reads \(names.sorted().joined(separator: ", "))", at: start)
        }
        let means = [try reader.readFloat(), try reader.readFloat(), try reader.readFloat()]
        guard kind == "input_rgb_image_sized" else {
            return DlibInputLayer(kind: kind, means: means, rows: nil, columns: nil)
        }
        let rows = try reader.readSize("input rows", in: 1...(1 << 16))
        let columns = try reader.readSize("input columns", in: 1...(1 << 16))
        return DlibInputLayer(kind: kind, means: means, rows: rows, columns: columns)
    }

    /// The input tensor for a batch of images given as interleaved RGB bytes (`rows × columns × 3`
    /// each, row by row), exactly as dlib's `to_tensor` computes it.
    public func tensor(fromRGB images: [[UInt8]], rows: Int, columns: Int) throws(DlibInputError) -> Tensor {
        guard !images.isEmpty else { throw .noImages }
        guard rows >= 1, columns >= 1, (self.rows ?? rows) == rows, (self.columns ?? columns) == columns else {
            throw .wrongSize(expected: "\(self.rows.map(String.init) ?? "any")×\(self.columns.map(String.init) ?? "any")",
                             found: "\(rows)×\(columns)")
        }
        let area = rows * columns
        for (index, image) in images.enumerated() where image.count != area * 3 {
            throw .wrongByteCount(image: index, expected: area * 3, found: image.count)
        }
        var tensor = Tensor(zeros: TensorShape(batch: images.count, channels: 3, height: rows, width: columns))
        tensor.withUnsafeMutableBufferPointer { planes in
            for (index, image) in images.enumerated() {
                image.withUnsafeBufferPointer { pixels in
                    for channel in 0..<3 {
                        let plane = (index * 3 + channel) * area, mean = means[channel]
                        for i in 0..<area {
                            planes[plane + i] = (Float(pixels[i * 3 + channel]) - mean) / 256
                        }
                    }
                }
            }
        }
        return tensor
    }
}

/// Images that do not fit a dlib input layer.
public enum DlibInputError: Error, CustomStringConvertible, Sendable, Equatable {
    case noImages
    case wrongSize(expected: String, found: String)
    case wrongByteCount(image: Int, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .noImages:
            "no images were given; pass at least one"
        case let .wrongSize(expected, found):
            "the network takes \(expected) images, these are \(found); resize or re-crop them first"
        case let .wrongByteCount(image, expected, found):
            "image \(image) has \(found) bytes, an interleaved RGB image of this size has \(expected); convert it to RGB first"
        }
    }
}
