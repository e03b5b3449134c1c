import Faces
import Foundation
import Imaging

/// Finds and describes the faces of an uploaded image for the CompreFace endpoints, on the
/// compute pool (never on the server's own threads), as `FaceQuery` asks.
struct FaceFinder {
    let service: FootfallService

    /// The faces of `data` the query keeps, described when `describe` is set. No face gives
    /// CompreFace's 400 code 28; an image that cannot be decoded, 400 code 21 (413 when huge).
    func faces(in data: Data, query: FaceQuery, describe: Bool) async throws -> [FaceFound] {
        let pipeline = service.pipeline
        let faces = try await service.pool.run { () throws -> [FaceFound] in
            let image = try Image(data: data, name: "the uploaded image")
            var started = Date()
            var detections: [FaceDetection]
            if query.detectFaces {
                detections = try pipeline.detector.detect(in: image)
                if let floor = query.detectionThreshold { detections = detections.filter { $0.confidence >= floor } }
            } else {
                detections = [FaceDetection(box: Rect(x: 0, y: 0, width: Float(image.width), height: Float(image.height)), confidence: 1)]
            }
            if query.limit > 0 {
                detections = Array(detections.sorted { $0.box.width * $0.box.height > $1.box.width * $1.box.height }.prefix(query.limit))
            }
            let detectorMilliseconds = Date().timeIntervalSince(started) * 1000
            guard describe, !detections.isEmpty else {
                return detections.map { FaceFound(detection: $0, descriptor: nil, milliseconds: ["detector": detectorMilliseconds]) }
            }
            started = Date()
            let described = query.detectFaces ? try pipeline.describeFaces(in: image, detections: detections)
                : try pipeline.describeFaces(in: image, boxes: detections.map(\.box))
            let calculatorMilliseconds = Date().timeIntervalSince(started) * 1000 / Double(described.count)
            return described.map {
                FaceFound(detection: $0.detection, descriptor: $0.descriptor,
                          milliseconds: ["detector": detectorMilliseconds, "calculator": calculatorMilliseconds])
            }
        }
        guard !faces.isEmpty else { throw APIError(.badRequest, "No face is found in the given image", code: CompreFaceCode.noFace) }
        return faces
    }

    /// `plugins_versions` for `status=true`: which models answered.
    var pluginVersions: [String: String] {
        ["detector": "footfall.mtcnn", "calculator": "footfall.\(service.embedding)"]
    }
}
