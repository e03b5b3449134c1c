/// One face found in an image: where it is, how sure the detector is, and, for detectors that
/// give them, a few landmarks.
///
/// Coordinates are pixels with the origin at the top-left of the image (see ``Rect`` and
/// ``Point``). Each detector documents the order of its landmarks; MTCNN's five are listed on
/// ``MTCNN``. JSON: `{"box": [x, y, width, height], "confidence": c, "landmarks": [[x, y], …]}`.
public struct FaceDetection: Sendable, Hashable, Codable {
    /// The face box, clipped to the image.
    public var box: Rect
    /// The detector's score for this box, from 0 to 1.
    public var confidence: Float
    /// Landmarks in the detector's documented order, or `nil` for a detector without them.
    public var landmarks: [Point]?

    public init(box: Rect, confidence: Float, landmarks: [Point]? = nil) {
        self.box = box
        self.confidence = confidence
        self.landmarks = landmarks
    }
}
