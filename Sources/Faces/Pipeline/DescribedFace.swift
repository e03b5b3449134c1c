/// A face found and described: where it is, its landmarks and its descriptor.
///
/// Two sets of points come with each face, from two sources and in two orders:
/// - `detection.landmarks`: the detector's own (MTCNN: left eye, right eye, nose, left and right
///   mouth corner, "left" meaning the image's left), nil for a face given as a box;
/// - ``alignmentLandmarks``: the points the face was aligned from before it was described, in
///   the pipeline landmarker's order (dlib's 5-point predictor: outer and inner corner of the eye
///   on the image's right, then of the eye on the image's left, then the base of the nose).
///
/// JSON: `{"detection": {"box": [x, y, w, h], "confidence": c, "landmarks": [[x, y], …]},
/// "alignmentLandmarks": [[x, y], …], "landmarks68": [[x, y], …], "descriptor": [v1, …]}`,
/// `landmarks68` only when the pipeline was asked for them.
public struct DescribedFace: Sendable, Hashable, Codable {
    public var detection: FaceDetection
    /// The points the face was aligned from (see above).
    public var alignmentLandmarks: [Point]
    /// dlib's 68 points (iBUG 300-W order), when the pipeline has a 68-point landmarker.
    public var landmarks68: [Point]?
    public var descriptor: FaceDescriptor

    public init(detection: FaceDetection, alignmentLandmarks: [Point], landmarks68: [Point]? = nil,
                descriptor: FaceDescriptor) {
        self.detection = detection
        self.alignmentLandmarks = alignmentLandmarks
        self.landmarks68 = landmarks68
        self.descriptor = descriptor
    }

    private enum CodingKeys: String, CodingKey {
        case detection, alignmentLandmarks, landmarks68, descriptor
    }

    // The descriptor goes on the wire as a bare array of numbers, not as `{"values": […]}`.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        detection = try fields.decode(FaceDetection.self, forKey: .detection)
        alignmentLandmarks = try fields.decode([Point].self, forKey: .alignmentLandmarks)
        landmarks68 = try fields.decodeIfPresent([Point].self, forKey: .landmarks68)
        descriptor = FaceDescriptor(try fields.decode([Float].self, forKey: .descriptor))
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(detection, forKey: .detection)
        try fields.encode(alignmentLandmarks, forKey: .alignmentLandmarks)
        try fields.encodeIfPresent(landmarks68, forKey: .landmarks68)
        try fields.encode(descriptor.values, forKey: .descriptor)
    }
}
