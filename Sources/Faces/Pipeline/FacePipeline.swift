/// A face found and described: where it is, its landmarks and its descriptor.
public struct DescribedFace: Sendable, Hashable {
    public var detection: FaceDetection
    /// dlib's 5 landmarks (eye corners and nose base), from which the chip was aligned.
    public var landmarks: [Point]
    public var descriptor: FaceDescriptor
}

/// The whole recognition front end in one call: detect → 5 landmarks → aligned chip →
/// descriptor, like face_recognition's `face_locations` + `face_encodings`.
///
///     let pipeline = try FacePipeline()
///     for face in try pipeline.describeFaces(in: Image(contentsOf: "group.jpg")) {
///         print(face.detection.box, face.descriptor.distance(to: known))
///     }
///
/// One pipeline serves concurrent callers.
public final class FacePipeline: Sendable {
    public let detector: any FaceDetector
    public let embedder: DlibResNetEmbedder

    public init(detector: any FaceDetector, embedder: DlibResNetEmbedder) {
        self.detector = detector
        self.embedder = embedder
    }

    /// MTCNN and dlib's ResNet from the model cache.
    public convenience init(store: ModelStore = ModelStore(), detectorOptions: MTCNN.Options = MTCNN.Options()) throws {
        try self.init(detector: MTCNN.defaultModels(store: store, options: detectorOptions),
                      embedder: DlibResNetEmbedder(models: store))
    }

    /// Every face in `image`, most confident first, with its descriptor (averaged over
    /// `jitters` jittered chips when above 1).
    public func describeFaces(in image: Image, jitters: Int = 0, seed: UInt64 = 0) throws -> [DescribedFace] {
        let detections = try detector.detect(in: image)
        let landmarks = detections.map { embedder.landmarks(in: image, box: detector.shapePredictorBox(for: $0)) }
        let chips = try landmarks.map { try embedder.chip(in: image, landmarks5: $0) }
        let descriptors = try embedder.descriptors(chips: chips, jitters: jitters, seed: seed)
        return zip(detections, zip(landmarks, descriptors)).map {
            DescribedFace(detection: $0, landmarks: $1.0, descriptor: $1.1)
        }
    }
}
