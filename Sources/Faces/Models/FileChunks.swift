import Foundation

/// Reads a file front to back in large chunks, so that 100 MB models stream through a bounded
/// amount of memory whether they are being hashed or copied.
func forEachChunk(ofFileAtPath path: String, _ body: (Data) throws -> Void) throws {
    let handle: FileHandle
    do {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    } catch {
        throw ModelError.fileSystem(path: path, reason: "cannot open for reading (\(error.localizedDescription))")
    }
    defer { try? handle.close() }
    while true {
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: 4 << 20)
        } catch {
            throw ModelError.fileSystem(path: path, reason: "read failed (\(error.localizedDescription))")
        }
        guard let chunk, !chunk.isEmpty else { return }
        try body(chunk)
    }
}

extension SHA256 {
    /// The digest of a file's contents.
    public static func hash(fileAtPath path: String) throws -> Digest {
        var hasher = SHA256()
        try forEachChunk(ofFileAtPath: path) { chunk in
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalize()
    }
}
