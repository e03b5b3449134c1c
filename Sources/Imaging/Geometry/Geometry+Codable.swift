/// The wire form of boxes and points, shared by the command line's JSON and the service's API:
/// a ``Rect`` is `[x, y, width, height]` and a ``Point`` is `[x, y]`, in pixels from the image's
/// top-left corner. Arrays keep a face with 68 landmarks readable and match the CSV columns.
extension Rect: Codable {
    public init(from decoder: any Decoder) throws {
        var values = try decoder.unkeyedContainer()
        let x = try values.decode(Float.self), y = try values.decode(Float.self)
        let width = try values.decode(Float.self), height = try values.decode(Float.self)
        guard values.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: values, debugDescription: "a box is [x, y, width, height]: four numbers")
        }
        self.init(x: x, y: y, width: width, height: height)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.unkeyedContainer()
        try values.encode(contentsOf: [x, y, width, height])
    }
}

extension Point: Codable {
    public init(from decoder: any Decoder) throws {
        var values = try decoder.unkeyedContainer()
        let x = try values.decode(Float.self), y = try values.decode(Float.self)
        guard values.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: values, debugDescription: "a point is [x, y]: two numbers")
        }
        self.init(x: x, y: y)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.unkeyedContainer()
        try values.encode(contentsOf: [x, y])
    }
}
