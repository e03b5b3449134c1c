import Faces
import Foundation
import TestSupport

/// Descriptors of the labelled identity sets under `shared/data/identities`, each described
/// once per test run however many tests ask: a photo's one face, labelled by its folder, as
/// `footfall train` reads them (photos with no face or several are left out).
enum IdentityFaces {
    private static let cache = Cache()

    /// The faces of `relative` (such as "orl" or "celeb5/train").
    static func labelled(_ relative: String) throws -> LabelledDescriptors {
        try cache.value(for: relative) {
            let pipeline = try FacePipeline(store: ModelStore(directory: Fixtures.models))
            return try LabelledDescriptors(GalleryEnrolment(folder: Fixtures.data("identities/" + relative), pipeline: pipeline).gallery)
        }
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: LabelledDescriptors] = [:]

        /// Holds the lock while computing, so concurrent tests wait rather than describe twice.
        func value(for key: String, _ make: () throws -> LabelledDescriptors) throws -> LabelledDescriptors {
            lock.lock()
            defer { lock.unlock() }
            if let value = values[key] { return value }
            let value = try make()
            values[key] = value
            return value
        }
    }
}
