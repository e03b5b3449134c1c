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

    /// The faces of `image` that `options.selection` picks (every face by default, most
    /// confident first), with their landmarks and descriptors.
    public func describeFaces(in image: Image, options: DescriptionOptions = DescriptionOptions()) throws -> [DescribedFace] {
        let detections = try detector.detect(in: image)
        if detections.isEmpty, options.wholeImageWhenNoFace { return try describe([wholeImage(image)], in: image, foundBy: nil, options: options) }
        let chosen = options.selection.choose(from: detections, imageWidth: image.width, imageHeight: image.height)
        return try describe(chosen, in: image, foundBy: detector, options: options)
    }

    /// The one face a photo stands for, chosen by `options.selection` (the subject unless it
    /// says otherwise; `all` counts as `subject`), with what the choice passed over; nil when no
    /// face is found. Only the chosen face is described, so jitter costs one face's worth.
    public func describeOneFace(in image: Image, options: DescriptionOptions = DescriptionOptions(selection: .subject)) throws -> ChosenFace? {
        let detections = try detector.detect(in: image)
        if detections.isEmpty {
            guard options.wholeImageWhenNoFace else { return nil }
            let face = try describe([wholeImage(image)], in: image, foundBy: nil, options: options)[0]
            return ChosenFace(face: face, faceCount: 0, runnerUp: nil, isAmbiguous: false)
        }
        let rule = options.selection == .all ? FaceSelection.subject : options.selection
        let ranking = rule.ranked(detections, imageWidth: image.width, imageHeight: image.height)
        let face = try describe([ranking[0]], in: image, foundBy: detector, options: options)[0]
        let runnerUp = ranking.dropFirst().first
        let ambiguous = rule == .subject && runnerUp.map {
            PhotoSubject.isAmbiguous(subject: ranking[0], runnerUp: $0, imageWidth: image.width, imageHeight: image.height)
        } ?? false
        return ChosenFace(face: face, faceCount: detections.count, runnerUp: runnerUp, isAmbiguous: ambiguous)
    }

    private func wholeImage(_ image: Image) -> FaceDetection {
        FaceDetection(box: Rect(x: 0, y: 0, width: Float(image.width), height: Float(image.height)), confidence: 0)
    }

    /// The faces in the given boxes, taken as they are (no detection, confidence 1), in order.
    public func describeFaces(in image: Image, boxes: [Rect], options: DescriptionOptions = DescriptionOptions()) throws -> [DescribedFace] {
        try describe(boxes.map { FaceDetection(box: $0, confidence: 1) }, in: image, foundBy: nil, options: options)
    }

    /// The faces this pipeline's detector found (``detector``), after the caller's own choice
    /// among them (a confidence floor, the largest few): described in the order given.
    public func describeFaces(in image: Image, detections: [FaceDetection], options: DescriptionOptions = DescriptionOptions()) throws -> [DescribedFace] {
        try describe(detections, in: image, foundBy: detector, options: options)
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
        let descriptors = try embedder.descriptors(in: image, alignedBy: points, augmentation: options.augmentation)
        return faces.indices.map { index in
            DescribedFace(detection: faces[index], alignmentLandmarks: points[index], landmarks68: detailed[index],
                          descriptor: descriptors[index])
        }
    }
}

/// The face a photo stands for (``FacePipeline/describeOneFace(in:options:)``).
public struct ChosenFace: Sendable, Hashable {
    public var face: DescribedFace
    /// How many faces the detector found (0 when the whole image was described).
    public var faceCount: Int
    /// The next face by the same rule, when there are others.
    public var runnerUp: FaceDetection?
    /// Under the subject rule: the runner-up is nearly as strong a subject (see
    /// ``PhotoSubject/ambiguityRatio``), so the photo may be of either person.
    public var isAmbiguous: Bool
}

/// How the pipeline describes faces.
public struct DescriptionOptions: Sendable, Hashable {
    /// Which faces to describe; ``FacePipeline/describeOneFace(in:options:)`` takes one by this
    /// rule (the subject for `all`).
    public var selection: FaceSelection
    /// Test-time augmentation of each descriptor: jitter or a mirror image (see ``Augmentation``).
    public var augmentation: Augmentation
    /// Where the detector finds no face, describe the whole image as one face (confidence 0):
    /// for folders of tightly cropped faces, where detectors miss faces that fill the frame.
    public var wholeImageWhenNoFace: Bool

    public init(selection: FaceSelection = .all, augmentation: Augmentation = .none, wholeImageWhenNoFace: Bool = false) {
        self.selection = selection
        self.augmentation = augmentation
        self.wholeImageWhenNoFace = wholeImageWhenNoFace
    }
}
