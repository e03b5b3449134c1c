/// A gallery built from photos of known people, and the photos it had to leave out.
///
/// A known photo must show exactly one face, or the name could go to the wrong face: photos with
/// no face or several are skipped and reported, as face_recognition warns and skips photos
/// without faces (it keeps the first of several faces; here such photos are skipped too,
/// because the first face need not be the named person).
public struct GalleryEnrolment: Sendable {
    public var gallery: FaceGallery
    public var problems: [Problem]

    /// A known photo left out of the gallery.
    public enum Problem: Sendable, CustomStringConvertible {
        case noFace(path: String)
        case severalFaces(path: String, count: Int)
        case unreadable(path: String, error: any Error)

        public var path: String {
            switch self {
            case let .noFace(path), let .severalFaces(path, _), let .unreadable(path, _): path
            }
        }

        public var description: String {
            switch self {
            case let .noFace(path): "no face found in \(path); skipped"
            case let .severalFaces(path, count): "\(count) faces found in \(path), which should show one person; skipped"
            case let .unreadable(path, error): "\(path): \(error)"
            }
        }
    }

    /// Enrols photos that have already been described (so callers can describe them in
    /// parallel): `faces` holds each photo's faces, or the error that stopped reading it.
    public init(_ described: [(photo: KnownImage, faces: Result<[DescribedFace], any Error>)]) {
        var gallery = FaceGallery()
        var problems = [Problem]()
        for (photo, faces) in described {
            switch faces {
            case let .failure(error):
                problems.append(.unreadable(path: photo.path, error: error))
            case let .success(faces) where faces.count == 1:
                gallery.add(faces[0].descriptor, for: photo.name)
            case let .success(faces) where faces.isEmpty:
                problems.append(.noFace(path: photo.path))
            case let .success(faces):
                problems.append(.severalFaces(path: photo.path, count: faces.count))
            }
        }
        self.gallery = gallery
        self.problems = problems
    }

    /// Describes and enrols every photo of a known-people folder (layouts in
    /// ``KnownImage/photos(in:)``), `pool.threadCount` photos at a time; `progress` as in
    /// ``ComputePool/map(_:progress:_:)``.
    public init(folder: String, pipeline: FacePipeline, on pool: ComputePool,
                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws {
        let photos = try KnownImage.photos(in: folder)
        let described = await pipeline.describeFaces(inFiles: photos.map(\.path), on: pool, progress: progress)
        self.init(zip(photos, described).map { (photo: $0, faces: $1.faces) })
    }
}
