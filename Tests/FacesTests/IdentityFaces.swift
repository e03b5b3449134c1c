import Faces
import Foundation
import TestSupport

/// Descriptors of the labelled identity sets under `shared/data/identities`, each described
/// once per test run however many tests ask: a photo's one face, labelled by its folder, as
/// `footfall train` reads them (photos with no face or several are left out).
enum IdentityFaces {
    private static let cache = Cache()

    /// The faces of `relative` (such as "orl" or "celeb5/train").
    static func labelled(_ relative: String) async throws -> LabelledDescriptors {
        try await cache.enrolment(of: relative).value
    }

    /// One enrolment task per folder: later callers await the first one's result.
    private actor Cache {
        private var tasks: [String: Task<LabelledDescriptors, any Error>] = [:]

        func enrolment(of relative: String) -> Task<LabelledDescriptors, any Error> {
            if let task = tasks[relative] { return task }
            let task = Task {
                let pipeline = try FacePipeline(store: ModelStore(directory: Fixtures.models))
                let enrolment = try await GalleryEnrolment(folder: Fixtures.data("identities/" + relative), pipeline: pipeline,
                                                           on: .shared)
                return try LabelledDescriptors(enrolment.gallery)
            }
            tasks[relative] = task
            return task
        }
    }
}
