import Faces
import Foundation
import Imaging

/// What the kiosk tells the person in front of it about one frame, before any recognition: a
/// face too small, too dark or blurred is not judged at all (it would only lower the door's
/// confidence), and the person is told what to change.
public enum FrameGuidance: String, Sendable, Hashable, Codable {
    case noFace = "no-face"
    case comeCloser = "come-closer"
    case tooDark = "too-dark"
    case holdStill = "hold-still"
    case faceTheCamera = "face-the-camera"
    case good

    public var message: String {
        switch self {
        case .noFace: "Look at the camera"
        case .comeCloser: "Come closer"
        case .tooDark: "Too dark — step into the light"
        case .holdStill: "Hold still"
        case .faceTheCamera: "Face the camera"
        case .good: "Hold still…"
        }
    }
}

/// The kiosk's gates, looser than enrolment's (``EnrolmentGates``): a webcam frame at 640×480 is
/// softer and smaller than an enrolment photo, and several frames vote.
///
/// Width 60 px; mean brightness of the face 40 of 255; sharpness 50 (enrolment's 100 halved:
/// blurred faces measured up to 49, sharp photographs from 311); yaw 0.5 (a profile).
public struct FrameJudge: Sendable, Hashable {
    public var minimumFaceWidth: Float = 60
    public var minimumBrightness: Float = 40
    public var minimumSharpness: Float = 50
    public var maximumYaw: Float = 0.5

    public init() {}

    public func judge(_ detection: FaceDetection?, in image: Image) -> FrameGuidance {
        guard let detection else { return .noFace }
        if detection.box.width < minimumFaceWidth { return .comeCloser }
        if Self.brightness(of: detection.box, in: image) < minimumBrightness { return .tooDark }
        if FaceSharpness.of(detection.box, in: image) < minimumSharpness { return .holdStill }
        if let yaw = detection.landmarks.flatMap({ HeadYaw.of(mtcnnLandmarks: $0) }), abs(yaw) > maximumYaw { return .faceTheCamera }
        return .good
    }

    /// The mean of the channels over the box (clipped to the image), 0–255.
    static func brightness(of box: Rect, in image: Image) -> Float {
        let x0 = max(0, Int(box.x)), y0 = max(0, Int(box.y))
        let x1 = min(image.width, Int(box.x + box.width)), y1 = min(image.height, Int(box.y + box.height))
        guard x1 > x0, y1 > y0 else { return 0 }
        var sum = 0
        for y in stride(from: y0, to: y1, by: 2) {
            let row = (y * image.width) * image.channels
            for x in stride(from: x0, to: x1, by: 2) {
                for c in 0..<image.channels { sum += Int(image.pixels[row + x * image.channels + c]) }
            }
        }
        let count = ((y1 - y0 + 1) / 2) * ((x1 - x0 + 1) / 2) * image.channels
        return Float(sum) / Float(max(count, 1))
    }
}
