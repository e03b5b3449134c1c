/// The face a photo is *of*: the one rule used wherever a photo stands for one person (an
/// enrolment photo, a known photo, each side of a comparison, a kiosk frame with a queue behind
/// the member).
///
/// The most confident detection is not that face: a sharp bystander often scores higher than a
/// subject turned a little away. People frame the person they mean large and near the middle,
/// so each face gets the score
///
///     size × centrality × confidence
///     size       = √(box area / image area), at most 1   (a face's side relative to the image's)
///     centrality = 1 − (distance from the box centre to the image centre) / (half the image diagonal)
///
/// all between 0 and 1, and the highest score is the subject. A face twice as wide counts as
/// much as one twice as close to the middle (relative to the far corner). The detector's
/// confidence enters as the chance that the box is a face at all: real faces score near 1 and
/// barely move the result, while a false detection (MTCNN finds "faces" in curly hair beside
/// the real one) cannot win on position alone. Scores closer than ``tieTolerance`` go to the
/// more confident detection.
public enum PhotoSubject {
    /// Relative score difference under which two faces tie and confidence decides.
    public static let tieTolerance: Float = 0.01

    /// A runner-up scoring at least this share of the subject's score makes the photo
    /// ambiguous: it could be of either person, so enrolment refuses it.
    public static let ambiguityRatio: Float = 0.8

    /// The subject score of a detection in an image of the given size.
    public static func score(of face: FaceDetection, imageWidth: Int, imageHeight: Int) -> Float {
        let box = face.box
        let width = Float(max(imageWidth, 1)), height = Float(max(imageHeight, 1))
        let size = min(((box.width * box.height) / (width * height)).squareRoot(), 1)
        let dx = box.x + box.width / 2 - width / 2, dy = box.y + box.height / 2 - height / 2
        let halfDiagonal = (width * width + height * height).squareRoot() / 2
        let centrality = max(1 - (dx * dx + dy * dy).squareRoot() / halfDiagonal, 0)
        return size * centrality * min(max(face.confidence, 0), 1)
    }

    /// `faces` ordered from most to least likely to be the subject.
    public static func ranked(_ faces: [FaceDetection], imageWidth: Int, imageHeight: Int) -> [FaceDetection] {
        let scored = faces.map { (face: $0, score: score(of: $0, imageWidth: imageWidth, imageHeight: imageHeight)) }
        return scored.sorted { a, b in
            let tie = abs(a.score - b.score) <= tieTolerance * max(a.score, b.score)
            return tie ? a.face.confidence > b.face.confidence : a.score > b.score
        }.map(\.face)
    }

    /// Whether the runner-up is nearly as strong a subject as the subject (see ``ambiguityRatio``).
    public static func isAmbiguous(subject: FaceDetection, runnerUp: FaceDetection, imageWidth: Int, imageHeight: Int) -> Bool {
        score(of: runnerUp, imageWidth: imageWidth, imageHeight: imageHeight)
            >= ambiguityRatio * score(of: subject, imageWidth: imageWidth, imageHeight: imageHeight)
    }
}

/// Which of a photo's faces to describe.
public enum FaceSelection: String, Sendable, Codable, CaseIterable {
    /// Every face, most confident first.
    case all
    /// The face the photo is of (``PhotoSubject``).
    case subject
    /// The detector's most confident face.
    case mostConfident = "most-confident"
    /// The face with the largest box.
    case largest

    /// `faces` (most confident first, as detectors give them) from the most to the least
    /// likely choice under this rule; `all` keeps them as they are.
    public func ranked(_ faces: [FaceDetection], imageWidth: Int, imageHeight: Int) -> [FaceDetection] {
        switch self {
        case .all: faces
        case .subject: PhotoSubject.ranked(faces, imageWidth: imageWidth, imageHeight: imageHeight)
        case .mostConfident: faces.sorted { $0.confidence > $1.confidence }
        case .largest: faces.sorted { $0.box.width * $0.box.height > $1.box.width * $1.box.height }
        }
    }

    /// The faces to describe: all of them, or the first by this rule.
    public func choose(from faces: [FaceDetection], imageWidth: Int, imageHeight: Int) -> [FaceDetection] {
        let ranking = ranked(faces, imageWidth: imageWidth, imageHeight: imageHeight)
        return self == .all ? ranking : Array(ranking.prefix(1))
    }
}
