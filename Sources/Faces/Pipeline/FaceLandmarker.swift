/// Finds the landmarks of a detected face: the step between detection and alignment.
///
/// The pipeline asks a landmarker for the points it aligns faces from (dlib's 5-point shape
/// predictor by default) and, when asked, for a detailed shape (the 68-point predictor).
/// Detectors place their boxes differently on a face, so a landmarker is told which detector
/// found the face and adapts: dlib's predictors move the box to dlib's own convention
/// (``FaceDetector/shapePredictorBox(for:)``; the 5-point predictor then runs once more in the
/// box its first landmarks give, ``FaceDetector/shapePredictorBox(for:landmarks5:)``). A face
/// given as a bare box (`detector` nil) is taken as it is.
public protocol FaceLandmarker: Sendable {
    /// Which points, in which order, ``landmarks(in:for:foundBy:)`` returns.
    var layout: LandmarkLayout { get }

    /// The face's landmarks in ``layout``'s order, in image pixels.
    func landmarks(in image: Image, for face: FaceDetection, foundBy detector: (any FaceDetector)?) throws -> [Point]
}

/// A named set of facial landmarks in a fixed order. Two landmarkers with the same count can
/// still mean different points (dlib's five are eye corners and the nose base, MTCNN's five are
/// eye centres, nose tip and mouth corners), so an embedder names the layout it aligns from and
/// the pipeline refuses any other.
public struct LandmarkLayout: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }

    /// dlib's `shape_predictor_5_face_landmarks`: outer and inner corner of the eye on the
    /// image's right, then of the eye on the image's left, then the base of the nose.
    public static let dlib5 = LandmarkLayout(name: "dlib 5-point", count: 5)
    /// MTCNN's five points (``MTCNNLandmarker``): the eye on the image's left, the eye on the
    /// image's right, the nose tip, then the mouth corner on the image's left and on its right.
    public static let mtcnn5 = LandmarkLayout(name: "MTCNN 5-point", count: 5)
    /// dlib's `shape_predictor_68_face_landmarks`: the iBUG 300-W layout.
    public static let dlib68 = LandmarkLayout(name: "dlib 68-point (iBUG 300-W)", count: 68)

    public var description: String { "\(name) (\(count) points)" }
}

extension ShapePredictor: FaceLandmarker {
    public var layout: LandmarkLayout {
        switch landmarkCount {
        case 5: .dlib5
        case 68: .dlib68
        default: LandmarkLayout(name: "dlib shape predictor", count: landmarkCount)
        }
    }

    public func landmarks(in image: Image, for face: FaceDetection, foundBy detector: (any FaceDetector)?) -> [Point] {
        let points = landmarks(in: image, box: detector?.shapePredictorBox(for: face) ?? face.box)
        guard landmarkCount == 5, let refined = detector?.shapePredictorBox(for: face, landmarks5: points) else { return points }
        return landmarks(in: image, box: refined)
    }
}
