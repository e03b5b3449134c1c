import Foundation

/// The repository's `samples/` photos, which `bench` uses when given no images: found beside
/// the binary (`.build/release/footfall` → `samples/`), never through the current folder, or at
/// `$FOOTFALL_SAMPLES`.
enum SamplePhotos {
    static func path(_ name: String) throws -> String {
        guard let folder else {
            throw SamplePhotosError(name: name)
        }
        return folder.appendingPathComponent(name).path
    }

    private static let folder: URL? = {
        if let path = ProcessInfo.processInfo.environment["FOOTFALL_SAMPLES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            let candidate = folder.appendingPathComponent("samples")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("two_people.jpg").path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()
}

struct SamplePhotosError: Error, CustomStringConvertible {
    let name: String
    var description: String {
        "no sample photos beside this binary (\(name) from the repository's samples/ folder): "
            + "give images as arguments, or set FOOTFALL_SAMPLES to a samples folder"
    }
}
