import Faces
import Foundation
import Imaging

/// What an enrolment photo must pass before its face becomes a member's sample. A bad sample
/// costs more than a missing one: it lets a stranger in, or keeps a member out.
///
/// - one face that is clearly the photo's subject (``PhotoSubject``: large and near the centre;
///   refused when a second face scores within ``PhotoSubject/ambiguityRatio`` of it),
/// - at least ``minimumFaceWidth`` pixels wide,
/// - sharp: ``FaceSharpness`` at least ``minimumSharpness``,
/// - roughly frontal: ``HeadYaw`` within ±``maximumYaw``.
public struct EnrolmentGates: Sendable, Hashable, Codable {
    public var minimumFaceWidth: Float
    public var minimumSharpness: Float
    public var maximumYaw: Float

    /// 80 px wide; sharpness 100; yaw 0.35. Sharpness: the 35 enrolable faces of celeb5/train
    /// (web press photos) measure 311–1838, and the same faces blurred to about 16 pixels of
    /// detail across 13–49 (`EnrolmentGatesTests`); 100 sits in the gap, twice the blurriest
    /// figure and a third of the softest sharp one. Yaw: a head
    /// turned about 30° (a three-quarter view) measures about 0.3 and passes; a profile (0.5 and
    /// beyond, the nose past the eye) does not.
    public init(minimumFaceWidth: Float = 80, minimumSharpness: Float = 100, maximumYaw: Float = 0.35) {
        self.minimumFaceWidth = minimumFaceWidth
        self.minimumSharpness = minimumSharpness
        self.maximumYaw = maximumYaw
    }

    /// The sample `chosen` would make, or why the photo is refused.
    public func judge(_ chosen: ChosenFace?, in image: Image) -> Result<AcceptedFace, EnrolmentRefusal> {
        guard let chosen else { return .failure(.noFace) }
        let detection = chosen.face.detection
        if chosen.isAmbiguous, let runnerUp = chosen.runnerUp {
            return .failure(.ambiguousSubject(subject: detection.box, runnerUp: runnerUp.box))
        }
        let width = detection.box.width
        if width < minimumFaceWidth { return .failure(.faceTooSmall(width: width, needed: minimumFaceWidth)) }
        let sharpness = FaceSharpness.of(detection.box, in: image)
        if sharpness < minimumSharpness { return .failure(.blurred(sharpness: sharpness, needed: minimumSharpness)) }
        let yaw = detection.landmarks.flatMap { HeadYaw.of(mtcnnLandmarks: $0) } ?? 0
        if abs(yaw) > maximumYaw { return .failure(.notFrontal(yaw: yaw, limit: maximumYaw)) }
        return .success(AcceptedFace(face: chosen.face,
                                     quality: SampleQuality(faceWidth: width, sharpness: sharpness, yaw: yaw,
                                                            confidence: detection.confidence)))
    }
}

/// A face that passed the gates, with the figures it passed by.
public struct AcceptedFace: Sendable, Hashable {
    public var face: DescribedFace
    public var quality: SampleQuality
}

/// Why a photo did not become a sample, in words for the person enrolling.
public enum EnrolmentRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case noFace
    case ambiguousSubject(subject: Rect, runnerUp: Rect)
    case faceTooSmall(width: Float, needed: Float)
    case blurred(sharpness: Float, needed: Float)
    case notFrontal(yaw: Float, limit: Float)
    case unreadable(String)

    public var description: String {
        switch self {
        case .noFace:
            "no face found"
        case let .ambiguousSubject(subject, runnerUp):
            "two faces are nearly as prominent (\(Self.box(subject)) and \(Self.box(runnerUp))): crop the photo to one person"
        case let .faceTooSmall(width, needed):
            "face too small: \(Int(width.rounded())) px, need \(Int(needed))"
        case let .blurred(sharpness, needed):
            "face too blurred: sharpness \(Int(sharpness.rounded())), need \(Int(needed))"
        case let .notFrontal(yaw, limit):
            "face turned too far \(yaw > 0 ? "right" : "left"): yaw \(Self.figure(yaw)), limit ±\(Self.figure(limit)); look at the camera"
        case let .unreadable(reason):
            reason
        }
    }

    private static func box(_ r: Rect) -> String {
        "\(Int(r.width.rounded()))×\(Int(r.height.rounded())) at \(Int(r.x.rounded())),\(Int(r.y.rounded()))"
    }

    private static func figure(_ value: Float) -> String { String(format: "%.2f", value) }
}
