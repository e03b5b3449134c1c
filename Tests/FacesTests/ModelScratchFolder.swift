import Faces
import Foundation
import TestSupport

/// A temporary models folder for one test, removed when the test lets go of it.
final class ModelScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("footfall-model-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Copies a model from this machine's installed models.
    func copyInstalled(_ model: ModelFile) throws {
        try FileManager.default.copyItem(atPath: try Fixtures.model(model.fileName),
                                         toPath: url.appendingPathComponent(model.fileName).path)
    }

    /// Inverts the bits of one byte of a model's file in this folder.
    func flipByte(of model: ModelFile, at offset: Int) throws {
        let file = url.appendingPathComponent(model.fileName)
        var bytes = try Data(contentsOf: file)
        bytes[offset] ^= 0xff
        try bytes.write(to: file)
    }

    /// Every file in the folder, hidden ones included, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}
