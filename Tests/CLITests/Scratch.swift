import Foundation
import TestSupport

/// A throw-away folder for one test's inputs and outputs, removed when the test ends.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Links a file of `shared/data` into the folder at `relative`, creating folders on the way.
    @discardableResult
    func link(_ shared: String, as relative: String) throws -> String {
        let target = path(relative)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: Fixtures.data(shared))
        return target
    }

    /// Writes `bytes` at `relative`.
    @discardableResult
    func write(_ bytes: [UInt8], as relative: String) throws -> String {
        let target = path(relative)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// A uniform grey 64×64 PGM: a valid image with no face in it.
    @discardableResult
    func writeBlankImage(as relative: String) throws -> String {
        try write(Array("P5\n64 64\n255\n".utf8) + [UInt8](repeating: 128, count: 64 * 64), as: relative)
    }
}

