import Foundation
import Testing
import Faces
import TestSupport

/// The MTCNN → dlib box mapping (``MTCNN/shapePredictorBox(for:)``) on faces it was not fitted
/// on. Its factors come from the faces of `shared/reference/dlib-bbt` and `dlib-scenes`;
/// `Tests/Reference/dlib-held-out/reference.json` holds dlib 20.0.1's HOG rectangles and
/// descriptors for the photos of `identities/celeb5`, `identities/knn` and `pairs/deepface` that
/// are not in that set (`scripts/reference/dlib-descriptors.py`).
@Suite struct ShapePredictorBoxHeldOutTests {
    struct HeldOutFace {
        /// Relative to `shared/data`.
        let image: String
        let box: Rect
        let descriptor: FaceDescriptor
    }

    static func faces() throws -> [HeldOutFace] {
        let url = Fixtures.packageRoot.appendingPathComponent("Tests/Reference/dlib-held-out/reference.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let images = root?["images"] as? [String: [String: Any]] else {
            throw FixtureError("\(url.path) has no images")
        }
        return try images.sorted { $0.key < $1.key }.flatMap { image, entry in
            try ((entry["faces"] as? [[String: Any]]) ?? []).map { face in
                guard let ltrb = face["rect_ltrb"] as? [Int], ltrb.count == 4,
                      let descriptor = face["descriptor"] as? [Double], descriptor.count == 128 else {
                    throw FixtureError("malformed face of \(image) in \(url.path)")
                }
                return HeldOutFace(image: image, box: Rect(dlibLeft: ltrb[0], top: ltrb[1], right: ltrb[2], bottom: ltrb[3]),
                                   descriptor: FaceDescriptor(descriptor.map(Float.init)))
            }
        }
    }

    struct Distances {
        var values: [Float] = []
        var faces: [String] = []
        var mean: Float { values.reduce(0, +) / Float(max(values.count, 1)) }
        var worst: Float { values.max() ?? 0 }
        var worstFace: String { values.indices.max { values[$0] < values[$1] }.map { faces[$0] } ?? "none" }

        mutating func append(_ distance: Float, _ face: String) {
            values.append(distance)
            faces.append(face)
        }
    }

    /// For every dlib face, the MTCNN face overlapping its rectangle most (IoU ≥ 0.5, each MTCNN
    /// face used once) is described three ways: from the mapped box, from MTCNN's raw box, and,
    /// as the floor, from dlib's own rectangle.
    @Test func mappedBoxesDescribeHeldOutFacesCloseToDlib() throws {
        let store = ModelStore(directory: Fixtures.models)
        let detector = try MTCNN.defaultModels(store: store)
        let embedder = try DlibResNetEmbedder(models: store)
        let faces = try Self.faces()
        var mapped = Distances(), raw = Distances(), dlibBox = Distances()
        var unmatched: [String] = []
        var relation = (width: Float(0), height: Float(0), centre: Float(0))
        for (image, group) in Dictionary(grouping: faces, by: \.image).sorted(by: { $0.key < $1.key }) {
            let picture = try Image(contentsOf: Fixtures.data(image))
            var detections = try detector.detect(in: picture)
            for face in group {
                guard let best = detections.indices.max(by: {
                    detections[$0].box.intersectionOverUnion(with: face.box) < detections[$1].box.intersectionOverUnion(with: face.box)
                }), detections[best].box.intersectionOverUnion(with: face.box) >= 0.5 else {
                    unmatched.append("\(image) \(face.box)")
                    continue
                }
                let detection = detections.remove(at: best)
                let described = try embedder.descriptors(in: picture, boxes: [detector.shapePredictorBox(for: detection), detection.box, face.box])
                let name = "\(image) \(face.box)"
                mapped.append(described[0].distance(to: face.descriptor), name)
                raw.append(described[1].distance(to: face.descriptor), name)
                dlibBox.append(described[2].distance(to: face.descriptor), name)
                // How dlib's rectangle sits on MTCNN's box, to set beside the fitted 1.07, 0.86, 0.53.
                let box = detection.box
                relation.width += face.box.width / box.width
                relation.height += face.box.height / box.height
                relation.centre += (face.box.y + face.box.height / 2 - box.y) / box.height
            }
        }
        let n = Float(max(mapped.values.count, 1))
        print("held-out faces: \(faces.count) found by dlib in \(Set(faces.map(\.image)).count) photos, \(mapped.values.count) matched by MTCNN; "
              + "distance to dlib's descriptor: mapped box mean \(mapped.mean) worst \(mapped.worst), "
              + "raw box mean \(raw.mean) worst \(raw.worst), dlib's rectangle mean \(dlibBox.mean) worst \(dlibBox.worst); "
              + "mapped closer than raw on \(zip(mapped.values, raw.values).filter { $0 < $1 }.count); "
              + "worst mapped: \(mapped.worstFace) (raw \(raw.values[mapped.values.firstIndex(of: mapped.worst) ?? 0])), worst raw: \(raw.worstFace); "
              + "dlib's rectangle over MTCNN's box: width × \(relation.width / n), height × \(relation.height / n), "
              + "centre at \(relation.centre / n) of the height")
        if !unmatched.isEmpty { print("dlib faces MTCNN did not find: \(unmatched.joined(separator: "; "))") }

        // The reference file: 175 faces in 166 of its 167 photos.
        #expect(faces.count == 175)
        // measured: 172 of the 175 matched (the three missed are 37, 44 and 76 px wide); bound: 172.
        #expect(mapped.values.count >= 172, "dlib faces MTCNN did not find: \(unmatched)")
        // measured: mapped mean 0.0649 vs raw mean 0.1027 (mapped closer on 152 of 172 faces).
        #expect(mapped.mean < raw.mean, "mapped boxes: mean \(mapped.mean); raw boxes: mean \(raw.mean)")
        // measured worst: mean 0.0649, worst 0.5277 (a face cut by the photo's left edge, where the
        // raw box gives 0.5136: out of sample the mapping does not help the worst face);
        // bound: mean 0.066, worst 0.53.
        #expect(mapped.mean <= 0.066, "mapped boxes: mean distance \(mapped.mean) to dlib's")
        #expect(mapped.worst <= 0.53, "mapped boxes: worst distance \(mapped.worst) to dlib's, \(mapped.worstFace)")
        // From dlib's own rectangle our descriptors are dlib's: the JPEG decoding, landmarks and
        // chips agree on these photos too. measured worst: 1.31e-6; bound: 1.5e-6.
        #expect(dlibBox.worst <= 1.5e-6, "dlib's rectangle: worst distance \(dlibBox.worst), \(dlibBox.worstFace)")
    }
}
