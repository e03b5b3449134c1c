import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an installed model file is the published one.
public enum ModelState: Hashable, Sendable {
    case ok
    case missing
    /// Present but wrong: the reason says how (size, hash, not a regular file, unreadable).
    case corrupt(reason: String)
}

/// The state of one model in the store.
public struct ModelCheck: Hashable, Sendable {
    public let model: ModelFile
    public let state: ModelState
}

extension ModelStore {
    /// Checks one model's file: existence and size, then (with `hashing`) its SHA-256.
    public func state(of model: ModelFile, hashing: Bool = true) -> ModelState {
        let path = location(of: model).path
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        guard info.st_mode & S_IFMT == S_IFREG else { return .corrupt(reason: "not a regular file") }
        guard Int(info.st_size) == model.size else {
            return .corrupt(reason: "\(info.st_size) bytes, expected \(model.size)")
        }
        guard hashing else { return .ok }
        do {
            let digest = try sha256Hex(ofFileAtPath: path)
            return digest == model.sha256
                ? .ok : .corrupt(reason: "SHA-256 \(digest), expected \(model.sha256)")
        } catch {
            return .corrupt(reason: "unreadable: \(error)")
        }
    }

    /// Re-hashes every given model (default: the whole catalogue), in order.
    public func verify(_ models: [ModelFile]? = nil) -> [ModelCheck] {
        (models ?? catalogue.models).map { ModelCheck(model: $0, state: state(of: $0)) }
    }
}
