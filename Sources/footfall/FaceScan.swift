import Faces
import Foundation

/// The faces of one image file, or why the file could not be read.
struct ScannedImage: Sendable {
    let path: String
    let faces: Result<[DescribedFace], any Error>
}

/// Runs the face pipeline over many image files in parallel, one image per task, and reports
/// progress on standard error when it is a terminal.
///
/// Parallelism lives across images (`cpus` tasks at a time), each network call on one thread:
/// on few cores this beats splitting single images (PERF-NOTES).
enum FaceScan {
    static func describe(_ paths: [String], with pipeline: FacePipeline, cpus: Int,
                         jitters: Int = 0, label: String = "faces") async -> [ScannedImage] {
        await process(paths, cpus: cpus, label: label) { path in
            try pipeline.describeFaces(in: Image(contentsOf: path), jitters: jitters)
        }.map { ScannedImage(path: $0.path, faces: $0.result) }
    }

    /// `work` on every path, `cpus` paths at a time, results in the order of `paths`.
    static func process<Output: Sendable>(_ paths: [String], cpus: Int, label: String,
                                          _ work: @escaping @Sendable (String) throws -> Output) async
        -> [(path: String, result: Result<Output, any Error>)] {
        let progress = Progress(total: paths.count, label: label)
        var results = [Result<Output, any Error>?](repeating: nil, count: paths.count)
        await withTaskGroup(of: (Int, Result<Output, any Error>).self) { group in
            var next = 0
            func start() {
                guard next < paths.count else { return }
                let index = next, path = paths[index]
                next += 1
                group.addTask { (index, Result { try work(path) }) }
            }
            for _ in 0..<max(cpus, 1) { start() }
            for await (index, result) in group {
                results[index] = result
                progress.advance()
                start()
            }
        }
        progress.finish()
        return zip(paths, results).map { ($0, $1!) }
    }

    /// Every image file under `path` (recursively, sorted), or `path` itself when it is a file.
    static func imageFiles(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [path] }
        guard isFolder.boolValue else { return [path] }
        let extensions: Set<String> = ["jpg", "jpeg", "png", "pgm", "ppm", "pnm"]
        let walker = FileManager.default.enumerator(atPath: path)
        return (walker?.compactMap { $0 as? String } ?? [])
            .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    /// All cores, the default of `--cpus`.
    static var allCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and
/// there are enough inputs to be worth it.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let visible: Bool
    private var done = 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        visible = total >= 8 && isatty(STDERR_FILENO) != 0
    }

    func advance() {
        done += 1
        guard visible else { return }
        let width = 30, filled = width * done / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        if visible { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
