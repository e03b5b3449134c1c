/// A gallery built from photos of known people, and the photos it had to leave out.
///
/// Each photo gives its subject's face (``PhotoSubject``: large and near the middle), so a
/// portrait with a bystander in the background still enrols the right person. A photo whose
/// second face is nearly as strong a subject could be of either person, and is skipped with
/// both boxes named rather than risk the name going to the wrong face; photos without faces are
/// skipped too, as face_recognition warns and skips them.
public struct GalleryEnrolment: Sendable {
    public var gallery: FaceGallery
    public var problems: [Problem]

    /// A known photo left out of the gallery.
    public enum Problem: Sendable, CustomStringConvertible {
        case noFace(path: String)
        /// Two faces are nearly equally likely to be the photo's subject.
        case ambiguousSubject(path: String, subject: Rect, runnerUp: Rect)
        case unreadable(path: String, error: any Error)

        public var path: String {
            switch self {
            case let .noFace(path), let .ambiguousSubject(path, _, _), let .unreadable(path, _): path
            }
        }

        public var description: String {
            func box(_ rect: Rect) -> String { "[\(Int(rect.x)), \(Int(rect.y)), \(Int(rect.width)), \(Int(rect.height))]" }
            return switch self {
            case let .noFace(path): "no face found in \(path); skipped"
            case let .ambiguousSubject(path, subject, runnerUp):
                "\(path) could show either the face at \(box(subject)) or the one at \(box(runnerUp)) (x, y, width, height); "
                    + "skipped: crop it to the person, or use a photo where they stand out"
            case let .unreadable(path, error): "\(path): \(error)"
            }
        }
    }

    /// Enrols photos that have already been described (so callers can describe them in
    /// parallel): `face` holds each photo's chosen face (nil for none), or the error that
    /// stopped reading it.
    public init(_ described: [(photo: KnownImage, face: Result<ChosenFace?, any Error>)]) {
        var gallery = FaceGallery()
        var problems = [Problem]()
        for (photo, face) in described {
            switch face {
            case let .failure(error):
                problems.append(.unreadable(path: photo.path, error: error))
            case .success(nil):
                problems.append(.noFace(path: photo.path))
            case let .success(chosen?):
                if chosen.isAmbiguous, let runnerUp = chosen.runnerUp {
                    problems.append(.ambiguousSubject(path: photo.path, subject: chosen.face.detection.box, runnerUp: runnerUp.box))
                } else {
                    gallery.add(chosen.face.descriptor, for: photo.name)
                }
            }
        }
        self.gallery = gallery
        self.problems = problems
    }

    /// Describes and enrols every photo of a known-people folder (layouts in
    /// ``KnownImage/photos(in:)``), `pool.threadCount` photos at a time; `progress` as in
    /// ``ComputePool/map(_:progress:_:)``.
    /// `options` may add jitter to the stored descriptors; its selection is always the subject.
    public init(folder: String, pipeline: FacePipeline, options: DescriptionOptions = DescriptionOptions(),
                on pool: ComputePool, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws {
        let photos = try KnownImage.photos(in: folder)
        var subject = options
        subject.selection = .subject
        let described = await pipeline.describeOneFace(inFiles: photos.map(\.path), options: subject, on: pool, progress: progress)
        self.init(zip(photos, described).map { (photo: $0, face: $1.face) })
    }
}
