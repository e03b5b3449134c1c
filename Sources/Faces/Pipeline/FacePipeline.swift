/// The whole recognition front end in one call: detect → landmarks → aligned face →
/// descriptor, like face_recognition's `face_locations` + `face_encodings`.
///
///     let pipeline = try FacePipeline()                       // MTCNN + dlib from the model cache
///     for face in try pipeline.describeFaces(in: Image(contentsOf: "group.jpg")) {
///         print(face.detection.box, face.descriptor.distance(to: known))
///     }
///     let faces = try await pipeline.describeFaces(in: image, on: .shared)   // from async code
///
/// Each step is a protocol, so the parts can be swapped: any ``FaceDetector``, the
/// ``FaceLandmarker`` that gives the alignment points, any ``FaceEmbedder``, and optionally a
/// second landmarker for dlib's 68 points. One pipeline serves concurrent callers.
public final class FacePipeline: Sendable {
    public let detector: any FaceDetector
    /// Gives the points each face is aligned from before the embedder describes it.
    public let landmarker: any FaceLandmarker
    public let embedder: any FaceEmbedder
    /// dlib's 68-point predictor (or another detailed landmarker), when faces should carry
    /// ``DescribedFace/landmarks68``.
    public let landmarker68: (any FaceLandmarker)?

    public init(detector: any FaceDetector, landmarker: any FaceLandmarker, embedder: any FaceEmbedder,
                landmarker68: (any FaceLandmarker)? = nil) throws(PipelineError) {
        guard landmarker.layout == embedder.alignmentLayout else {
            throw .landmarkLayoutMismatch(landmarker: landmarker.layout, embedder: embedder.alignmentLayout)
        }
        self.detector = detector
        self.landmarker = landmarker
        self.embedder = embedder
        self.landmarker68 = landmarker68
    }

    /// A detector with dlib's ResNet, aligned by the embedder's own 5-point shape predictor.
    public convenience init(detector: any FaceDetector, embedder: DlibResNetEmbedder,
                            landmarker68: (any FaceLandmarker)? = nil) throws(PipelineError) {
        try self.init(detector: detector, landmarker: embedder.shapePredictor, embedder: embedder, landmarker68: landmarker68)
    }

    /// MTCNN and dlib's ResNet from the model cache; with `landmarks68`, dlib's 68-point
    /// predictor too (`footfall models install` puts them all there).
    public convenience init(store: ModelStore = ModelStore(), detectorOptions: MTCNN.Options = MTCNN.Options(),
                            landmarks68: Bool = false) throws {
        try self.init(detector: MTCNN.defaultModels(store: store, options: detectorOptions),
                      embedder: DlibResNetEmbedder(models: store),
                      landmarker68: landmarks68 ? ShapePredictor(contentsOf: store.path(for: .shapePredictor68)) : nil)
    }

    /// Every face in `image`, most confident first, with its landmarks and descriptor.
    public func describeFaces(in image: Image, options: DescriptionOptions = DescriptionOptions()) throws -> [DescribedFace] {
        let detections = try detector.detect(in: image)
        if detections.isEmpty, options.wholeImageWhenNoFace {
            let whole = FaceDetection(box: Rect(x: 0, y: 0, width: Float(image.width), height: Float(image.height)), confidence: 0)
            return try describe([whole], in: image, foundBy: nil, options: options)
        }
        return try describe(detections, in: image, foundBy: detector, options: options)
    }

    /// The faces in the given boxes, taken as they are (no detection, confidence 1), in order.
    public func describeFaces(in image: Image, boxes: [Rect], options: DescriptionOptions = DescriptionOptions()) throws -> [DescribedFace] {
        try describe(boxes.map { FaceDetection(box: $0, confidence: 1) }, in: image, foundBy: nil, options: options)
    }

    /// dlib's 68 landmarks of a face this pipeline's detector found, or nil without a
    /// 68-point landmarker.
    public func landmarks68(in image: Image, for detection: FaceDetection) throws -> [Point]? {
        try landmarker68?.landmarks(in: image, for: detection, foundBy: detector)
    }

    private func describe(_ faces: [FaceDetection], in image: Image, foundBy detector: (any FaceDetector)?,
                          options: DescriptionOptions) throws -> [DescribedFace] {
        let points = try faces.map { try landmarker.landmarks(in: image, for: $0, foundBy: detector) }
        let detailed = try faces.map { face in try landmarker68?.landmarks(in: image, for: face, foundBy: detector) }
        let descriptors = try embedder.descriptors(in: image, alignedBy: points, jitters: options.jitters, seed: options.seed)
        return faces.indices.map { index in
            DescribedFace(detection: faces[index], alignmentLandmarks: points[index], landmarks68: detailed[index],
                          descriptor: descriptors[index])
        }
    }
}

/// How the pipeline describes faces.
public struct DescriptionOptions: Sendable, Hashable {
    /// Above 1: average each descriptor over this many jittered copies of the face (dlib's
    /// `num_jitters`; slower, a little more robust). 0 or 1: no jitter.
    public var jitters: Int
    /// Seed of the jitter, for reproducible descriptors.
    public var seed: UInt64
    /// Where the detector finds no face, describe the whole image as one face (confidence 0):
    /// for folders of tightly cropped faces, where detectors miss faces that fill the frame.
    public var wholeImageWhenNoFace: Bool

    public init(jitters: Int = 0, seed: UInt64 = 0, wholeImageWhenNoFace: Bool = false) {
        self.jitters = jitters
        self.seed = seed
        self.wholeImageWhenNoFace = wholeImageWhenNoFace
    }
}
