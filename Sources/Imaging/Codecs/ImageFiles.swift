import Foundation

/// Finding the image files a user points at: a file, or a folder searched recursively.
///
/// Files are chosen by extension here (a folder also holds notes and sidecar files); decoding
/// itself never trusts the extension and sniffs the bytes instead.
public enum ImageFiles {
    /// The extensions of the formats Footfall decodes, lower case.
    public static let extensions: Set<String> = ["jpg", "jpeg", "png", "pgm", "ppm", "pnm"]

    /// Whether `name` ends in one of ``extensions`` (any case).
    public static func hasImageExtension(_ name: String) -> Bool {
        extensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Every image file under `path`, recursively and sorted, skipping hidden files and folders;
    /// or `path` itself when it is not a folder (a missing file is returned too, so that reading
    /// it reports the error with its name).
    public static func find(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [path]
        }
        let walker = FileManager.default.enumerator(atPath: path)
        return (walker?.compactMap { $0 as? String } ?? [])
            .filter { relative in hasImageExtension(relative) && !relative.split(separator: "/").contains { $0.hasPrefix(".") } }
            .sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    /// ``find(at:)`` over several paths, in the order given.
    public static func find(at paths: [String]) -> [String] {
        paths.flatMap(find(at:))
    }
}
