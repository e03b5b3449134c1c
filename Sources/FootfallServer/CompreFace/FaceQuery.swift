import Foundation
import Hummingbird

/// The query parameters CompreFace's face endpoints share, read leniently as its clients send
/// them (`?&limit=0`, `status=True`) and checked with CompreFace's messages and code 26.
struct FaceQuery {
    /// At most this many faces, the largest first; 0: every face.
    var limit = 0
    /// Faces the detector is less sure of are left out; nil: the detector's own threshold.
    var detectionThreshold: Float?
    /// Candidates per face, most similar first.
    var predictionCount = 1
    /// `face_plugins`: of CompreFace's, `landmarks` and `calculator` (the embedding) are served;
    /// others are ignored, as CompreFace ignores plugins it was not built with.
    var plugins: Set<String> = []
    /// `status=true`: per-face `execution_time` and the top-level `plugins_versions`.
    var status = false
    /// `detect_faces=false`: the whole image is one cropped face.
    var detectFaces = true

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        var problems = [String]()
        if let text = query["limit"] {
            if let value = Int(text), value >= 0 { limit = value } else { problems.append("Limit should be equal or greater than 0") }
        }
        if let text = query["det_prob_threshold"] {
            if let value = Float(text), (0...1).contains(value) { detectionThreshold = value } else {
                problems.append("Detection probability threshold should be between 0 and 1")
            }
        }
        if let text = query["prediction_count"] {
            if let value = Int(text), value >= 1 { predictionCount = value } else {
                problems.append("prediction_count should be equal or greater than 1")
            }
        }
        if let text = query["face_plugins"] {
            plugins = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        }
        if let text = query["status"] {
            if let value = Self.boolean(text) { status = value } else { problems.append("status should be true or false") }
        }
        if let text = query["detect_faces"] {
            if let value = Self.boolean(text) { detectFaces = value } else { problems.append("detect_faces should be true or false") }
        }
        guard problems.isEmpty else {
            throw APIError(.badRequest, problems.map { $0 + "; " }.joined(), code: CompreFaceCode.badRequest)
        }
    }

    /// Spring's spellings of a boolean, as CompreFace accepts them.
    static func boolean(_ text: Substring) -> Bool? {
        switch text.lowercased() {
        case "true", "on", "yes", "1": true
        case "false", "off", "no", "0": false
        default: nil
        }
    }
}
