import Faces

/// Enrols a folder of known people for `identify` and `train`, each photo by its subject: photos
/// left out are warned about on standard error, and a folder without one usable photo is an error.
func enrolKnownPeople(in folder: String, pipeline: FacePipeline, augmentation: AugmentationOptions,
                      pool: ComputePool) async throws -> GalleryEnrolment {
    let options = DescriptionOptions(selection: .subject, augmentation: augmentation.augmentation)
    let enrolment = try await GalleryEnrolment(folder: folder, pipeline: pipeline, options: options, on: pool,
                                               progress: ProgressBar(folder).update)
    for problem in enrolment.problems { printError("WARNING: \(problem)") }
    guard !enrolment.gallery.isEmpty else { throw GalleryError.noKnownFaces(folder) }
    return enrolment
}
