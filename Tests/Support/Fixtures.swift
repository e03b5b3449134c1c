import Foundation

/// Where tests find shared data and installed models.
///
/// Test data lives in `../shared` beside the clone (override with `FOOTFALL_FIXTURES`); models in
/// the cache that `footfall models install` fills (`FOOTFALL_MODELS`, default
/// `~/.cache/footfall/models`).
public enum Fixtures {
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["FOOTFALL_FIXTURES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A path under `shared/data`.
    public static func data(_ relative: String) -> String {
        shared.appendingPathComponent("data").appendingPathComponent(relative).path
    }

    /// A path under `shared/reference`.
    public static func reference(_ relative: String) -> String {
        shared.appendingPathComponent("reference").appendingPathComponent(relative).path
    }

    public static let models: URL = {
        if let path = ProcessInfo.processInfo.environment["FOOTFALL_MODELS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/footfall/models")
    }()

    /// The path of an installed model file; fails loudly when it is missing.
    public static func model(_ fileName: String) throws -> String {
        let path = models.appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw FixtureError("model \(fileName) is not installed in \(models.path): run `footfall models install`")
        }
        return path
    }

    /// Every file under a folder of `shared/data`, recursively, sorted.
    public static func files(under relative: String, extensions: Set<String>) -> [String] {
        let root = data(relative)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
            .map { root + "/" + $0 }
    }

    /// JSON from `shared/reference`.
    public static func referenceJSON(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: reference(relative)))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(relative) is not a JSON object")
        }
        return object
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
