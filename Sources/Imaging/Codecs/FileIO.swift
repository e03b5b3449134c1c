#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with POSIX calls, so that failures carry the system's own
/// reason ("No such file or directory", "Permission denied") into ``ImageError``.
enum FileIO {
    static func bytes(of path: String) throws(ImageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(file: path, reason: systemReason()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(file: path, reason: systemReason()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(file: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            // read(2) may return fewer bytes than asked (signals, network file systems): loop.
            while count < size {
                let got = read(descriptor, buffer.baseAddress.map { $0 + count }, size - count)
                if got > 0 {
                    count += got
                } else if got == 0 || errno != EINTR {
                    failure = got == 0 ? "the file shrank while it was being read" : systemReason()
                    return
                }
            }
        }
        if let failure { throw .unreadable(file: path, reason: failure) }
        return bytes
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
    /// sees the old file or the complete new one, never a half-written image.
    static func save(_ bytes: [UInt8], atomicallyTo path: String) throws(ImageError) {
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .unwritable(file: path, reason: systemReason()) }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let wrote = write(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done)
                if wrote > 0 {
                    done += wrote
                } else if errno != EINTR {
                    failure = systemReason()
                    return
                }
            }
        }
        if close(descriptor) != 0, failure == nil { failure = systemReason() }
        if failure == nil, rename(temporary, path) != 0 { failure = systemReason() }
        if let failure {
            unlink(temporary)
            throw .unwritable(file: path, reason: failure)
        }
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
