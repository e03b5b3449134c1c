import Faces

/// Enrols a folder of known people for `identify` and `train`: photos left out are warned about
/// on standard error, and a folder without one usable photo is an error.
func enrolKnownPeople(in folder: String, pipeline: FacePipeline, pool: ComputePool) async throws -> GalleryEnrolment {
    let enrolment = try await GalleryEnrolment(folder: folder, pipeline: pipeline, on: pool, progress: ProgressBar(folder).update)
    for problem in enrolment.problems { printError("WARNING: \(problem)") }
    guard !enrolment.gallery.isEmpty else { throw GalleryError.noKnownFaces(folder) }
    return enrolment
}
