import Foundation

/// The folder where model files are installed, flat: `<directory>/<file name>`.
///
/// Loading code asks the store for a model's path; the store checks that the file is there with
/// the catalogue's size (cheap: no hashing on every load) and otherwise throws an error that names
/// the model and `footfall models install`. `verify` and `install` hash the files in full.
public struct ModelStore: Sendable {
    public let directory: URL
    public let catalogue: ModelCatalogue

    /// A store over `directory` (default: `$FOOTFALL_MODELS`, else `~/.cache/footfall/models`).
    public init(directory: URL = ModelStore.defaultDirectory(), catalogue: ModelCatalogue = .default) {
        self.directory = directory
        self.catalogue = catalogue
    }

    /// `$FOOTFALL_MODELS` when set and not empty, else `~/.cache/footfall/models`.
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        if let path = environment["FOOTFALL_MODELS"], !path.isEmpty {
            return URL(fileURLWithPath: (path as NSString).expandingTildeInPath, isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/footfall/models", isDirectory: true)
    }

    /// Where the model's file lives once installed, whether or not it is there now.
    public func location(of model: ModelFile) -> URL {
        directory.appendingPathComponent(model.fileName, isDirectory: false)
    }

    /// The path of an installed model, checked by existence and size.
    public func path(for model: ModelFile) throws -> String {
        switch state(of: model, hashing: false) {
        case .ok:
            return location(of: model).path
        case .missing:
            throw ModelError.missing(model: model.fileName, directory: directory.path)
        case let .corrupt(reason):
            throw ModelError.corrupt(model: model.fileName, path: location(of: model).path, reason: reason)
        }
    }

    /// The path of the installed catalogue model with this short name or file name.
    public func path(named name: String) throws -> String {
        try path(for: catalogue.model(named: name))
    }
}
