import Foundation

extension Image {
    /// Decodes the JPEG, PNG or PGM/PPM file at `path`.
    ///
    /// The format comes from the file's first bytes, not its extension. Colour images become RGB
    /// and grayscale ones gray (see ``channels``); alpha is dropped, 16-bit samples are reduced to
    /// 8 bits, and a JPEG's EXIF orientation is applied so the image stands upright.
    public init(contentsOf path: String, limits: ImageLimits = .default) throws(ImageError) {
        let bytes = try FileIO.bytes(of: path)
        try self.init(data: bytes, name: path, limits: limits)
    }

    /// Decodes an encoded image held in memory; `name` stands in for a file name in errors.
    public init(data: [UInt8], name: String = "image data", limits: ImageLimits = .default) throws(ImageError) {
        self = try data.withUnsafeBufferPointer { bytes throws(ImageError) in
            try Image.decode(bytes, name: name, limits: limits)
        }
    }

    /// Decodes an encoded image held in memory; `name` stands in for a file name in errors.
    public init(data: Data, name: String = "image data", limits: ImageLimits = .default) throws(ImageError) {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ImageError) in
                try Image.decode(raw.bindMemory(to: UInt8.self), name: name, limits: limits)
            }
        }
        self = try result.get()
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, name: String,
                               limits: ImageLimits) throws(ImageError) -> Image {
        guard !bytes.isEmpty else { throw .empty(file: name) }
        switch try ImageFormat(sniffing: bytes, file: name) {
        case .jpeg: return try JPEGDecoder.decode(bytes, file: name, limits: limits)
        case .png: return try PNGDecoder.decode(bytes, file: name, limits: limits)
        case .pnm: return try PNMDecoder.decode(bytes, file: name, limits: limits)
        }
    }
}
