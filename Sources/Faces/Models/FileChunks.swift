import Crypto
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

extension SHA256Digest {
    /// 64 lowercase hex digits, the form `sha256sum` prints and the model catalogue records.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

/// The SHA-256 of a file's contents, in hex.
func sha256Hex(ofFileAtPath path: String) throws -> String {
    var hasher = SHA256()
    try forEachChunk(ofFileAtPath: path) { hasher.update(data: $0) }
    return hasher.finalize().hex
}
