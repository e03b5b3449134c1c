/// The faces of one image file, or why the file could not be read or described.
public struct ImageFaces: Sendable {
    public var path: String
    public var faces: Result<[DescribedFace], any Error>

    public init(path: String, faces: Result<[DescribedFace], any Error>) {
        self.path = path
        self.faces = faces
    }
}

/// The one face of an image file (``FacePipeline/describeOneFace(in:options:)``): nil for no
/// face, or why the file could not be read or described.
public struct ImageFace: Sendable {
    public var path: String
    public var face: Result<ChosenFace?, any Error>

    public init(path: String, face: Result<ChosenFace?, any Error>) {
        self.path = path
        self.face = face
    }
}

extension FacePipeline {
    /// ``describeFaces(in:options:)`` on one of `pool`'s threads: the form for async code such
    /// as a request handler, which must not block the cooperative threads with network work.
    public func describeFaces(in image: Image, options: DescriptionOptions = DescriptionOptions(),
                              on pool: ComputePool) async throws -> [DescribedFace] {
        try await pool.run { try self.describeFaces(in: image, options: options) }
    }

    /// The faces of every image file, in the order of `paths`, `pool.threadCount` files at a
    /// time: each file is read, described and dropped on a pool thread, so memory holds one
    /// image per thread however many files there are. A file that cannot be read gives its
    /// error and the others go on.
    public func describeFaces(inFiles paths: [String], options: DescriptionOptions = DescriptionOptions(),
                              on pool: ComputePool,
                              progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async -> [ImageFaces] {
        let results = await pool.map(paths, progress: progress) { path in
            try self.describeFaces(in: Image(contentsOf: path), options: options)
        }
        return zip(paths, results).map { ImageFaces(path: $0, faces: $1) }
    }

    /// ``describeOneFace(in:options:)`` for every image file, as ``describeFaces(inFiles:options:on:progress:)``
    /// does for all faces.
    public func describeOneFace(inFiles paths: [String], options: DescriptionOptions = DescriptionOptions(selection: .subject),
                                on pool: ComputePool,
                                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async -> [ImageFace] {
        let results = await pool.map(paths, progress: progress) { path in
            try self.describeOneFace(in: Image(contentsOf: path), options: options)
        }
        return zip(paths, results).map { ImageFace(path: $0, face: $1) }
    }
}
