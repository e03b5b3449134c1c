/// Puts a name to a face descriptor, or says the face is unknown: the one question the CLI's
/// `identify`, the kiosk and the cameras ask, whether the people come from a folder of photos
/// (``GalleryRecogniser``) or from a trained model (``RecognitionModel``).
public protocol Recogniser: Sendable {
    /// The people this recogniser can name, sorted.
    var people: [String] { get }

    /// The person `descriptor` belongs to, or an unknown ``Recognition`` with the nearest
    /// candidate and the score that fell short of the threshold.
    func recognise(_ descriptor: FaceDescriptor) throws -> Recognition
}

/// A recogniser's answer for one face.
///
/// JSON: `{"name": "obama", "candidate": "obama", "score": 0.31, "threshold": 0.6,
/// "scoreOrder": "smallerIsSurer"}`; `name` is absent for an unknown face, `candidate` when the
/// recogniser knows nobody, `threshold` when every candidate is accepted (a closed-set model).
public struct Recognition: Sendable, Hashable, Codable {
    /// The person recognised, or nil for an unknown face.
    public var name: String?
    /// The best candidate, named or not (nil only when the recogniser knows nobody).
    public var candidate: String?
    /// The candidate's score: a distance, a margin or a probability, as ``scoreOrder`` says.
    public var score: Float?
    /// The score a candidate must reach to be named.
    public var threshold: Float?
    public var scoreOrder: ScoreOrder

    public init(name: String?, candidate: String?, score: Float?, threshold: Float?, scoreOrder: ScoreOrder) {
        self.name = name
        self.candidate = candidate
        self.score = score.flatMap { $0.isFinite ? $0 : nil }
        self.threshold = threshold.flatMap { $0.isFinite ? $0 : nil }
        self.scoreOrder = scoreOrder
    }

    public var isKnown: Bool { name != nil }
}

/// A ``FaceGallery`` with its tolerance: the person whose nearest descriptor lies within
/// `tolerance` (Euclidean) of the face, face_recognition's rule.
public struct GalleryRecogniser: Recogniser {
    public var gallery: FaceGallery
    public var tolerance: Float

    public init(gallery: FaceGallery, tolerance: Float = FaceGallery.defaultTolerance) {
        self.gallery = gallery
        self.tolerance = tolerance
    }

    public var people: [String] { gallery.names }

    public func recognise(_ descriptor: FaceDescriptor) -> Recognition {
        let nearest = gallery.matches(for: descriptor, tolerance: .infinity).first
        let accepted = nearest.map { $0.distance <= tolerance } ?? false
        return Recognition(name: accepted ? nearest?.name : nil, candidate: nearest?.name, score: nearest?.distance,
                           threshold: tolerance, scoreOrder: .smallerIsSurer)
    }
}

extension RecognitionModel: Recogniser {
    /// The model's classifier, behind its triplet head, with the calibrated threshold.
    public func recognise(_ descriptor: FaceDescriptor) throws -> Recognition {
        let prediction = try predict(descriptor)
        return Recognition(name: prediction.label, candidate: prediction.candidate, score: prediction.score,
                           threshold: classifier.threshold, scoreOrder: classifier.scoreOrder)
    }
}
