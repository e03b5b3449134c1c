/// Finds faces in an image: the one step every detector (MTCNN, and later YuNet or RFB-320)
/// shares, so that landmarking, alignment and embedding work with any of them.
public protocol FaceDetector: Sendable {
    /// The faces in `image`, most confident first. An image without faces gives an empty array;
    /// errors mean the detector itself failed (a model that cannot run, say), never "no face".
    func detect(in image: Image) throws -> [FaceDetection]

    /// The box to give dlib's shape predictor for a detection of this detector.
    ///
    /// dlib's landmark models were trained on the boxes of dlib's own HOG detector, which sit a
    /// little differently on a face than other detectors' boxes; a detector maps its box to
    /// that convention here so that alignment, and so the descriptor, comes out as with dlib.
    /// The default returns the detection's box unchanged.
    func shapePredictorBox(for detection: FaceDetection) -> Rect

    /// A second, finer box for dlib's 5-point predictor, placed from the `landmarks5` it found
    /// in ``shapePredictorBox(for:)``; the landmarker runs the predictor again in it. nil (the
    /// default) means the first box is final.
    func shapePredictorBox(for detection: FaceDetection, landmarks5: [Point]) -> Rect?
}

extension FaceDetector {
    public func shapePredictorBox(for detection: FaceDetection) -> Rect { detection.box }
    public func shapePredictorBox(for detection: FaceDetection, landmarks5: [Point]) -> Rect? { nil }
}
