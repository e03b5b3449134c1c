extension Image {
    /// Encodes the image in the format its extension names (`.png`; `.jpg` or `.jpeg` at
    /// ``jpegData(quality:)``'s default quality) and writes it atomically: the bytes go to a
    /// temporary file in the same folder, which is then renamed over `path`, so a reader never
    /// sees a half-written image.
    public func write(to path: String) throws(ImageError) {
        let encoded: [UInt8]
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "png": encoded = try pngData()
        case "jpg", "jpeg": encoded = try jpegData()
        default: throw .unknownExtension(file: path)
        }
        try FileIO.save(encoded, atomicallyTo: path)
    }
}
