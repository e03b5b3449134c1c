import Faces
import Foundation

/// The face objects of CompreFace's responses (`result[]`), with snake_case keys and the
/// optional parts left out when nil, as CompreFace leaves them out.
struct BoxJSON: Codable, Equatable {
    var probability: Double
    var xMin: Int, yMin: Int, xMax: Int, yMax: Int

    enum CodingKeys: String, CodingKey {
        case probability, xMin = "x_min", yMin = "y_min", xMax = "x_max", yMax = "y_max"
    }

    init(_ detection: FaceDetection) {
        probability = Similarity.rounded(Double(detection.confidence))
        xMin = Int(detection.box.x.rounded())
        yMin = Int(detection.box.y.rounded())
        xMax = Int((detection.box.x + detection.box.width).rounded())
        yMax = Int((detection.box.y + detection.box.height).rounded())
    }
}

struct SubjectSimilarityJSON: Codable, Equatable {
    var subject: String
    var similarity: Double
}

struct FaceResultJSON: Encodable {
    var box: BoxJSON
    var subjects: [SubjectSimilarityJSON]?
    var subject: String?
    var similarity: Double?
    var landmarks: [[Int]]?
    var embedding: [Float]?
    var executionTime: [String: Double]?

    enum CodingKeys: String, CodingKey {
        case box, subjects, subject, similarity, landmarks, embedding, executionTime = "execution_time"
    }

    /// The parts every endpoint shares: the box, and what `face_plugins` and `status` asked for.
    init(_ face: FaceFound, options: FaceQuery) {
        box = BoxJSON(face.detection)
        if options.plugins.contains("landmarks"), let points = face.detection.landmarks {
            landmarks = points.map { [Int($0.x.rounded()), Int($0.y.rounded())] }
        }
        if options.plugins.contains("calculator") { embedding = face.descriptor?.values }
        if options.status { executionTime = face.milliseconds }
    }
}

/// A face as the endpoints found it: its detection, its descriptor when one was computed, and
/// how long each step took (for `status=true`).
struct FaceFound {
    var detection: FaceDetection
    var descriptor: FaceDescriptor?
    var milliseconds: [String: Double]
}
