import Foundation
import Imaging
import Neural
import TestSupport

/// A 150×150 face chip made by dlib 20.0.1 and the descriptor dlib computed from it.
struct ReferenceChip: Sendable {
    let name: String
    /// Interleaved RGB bytes.
    let pixels: [UInt8]
    let descriptor: [Float]

    /// Every chip of `reference/dlib-bbt` (40 faces) and `reference/dlib-scenes` (23 faces).
    static func all() throws -> [ReferenceChip] {
        try load("dlib-bbt") + load("dlib-scenes")
    }

    /// The chips listed in one reference set's `reference.json`: bbt has one face per image,
    /// the scenes a list of faces per image.
    static func load(_ set: String) throws -> [ReferenceChip] {
        let json = try Fixtures.referenceJSON("\(set)/reference.json")
        guard let images = json["images"] as? [String: Any] else { throw FixtureError("\(set): no images") }
        var chips: [ReferenceChip] = []
        for (image, value) in images.sorted(by: { $0.key < $1.key }) {
            guard let entry = value as? [String: Any] else { throw FixtureError("\(set): \(image) is not an object") }
            let faces = entry["faces"] as? [[String: Any]] ?? [entry]
            for face in faces {
                guard let chip = face["chip"] as? String, let descriptor = face["descriptor"] as? [Double] else {
                    throw FixtureError("\(set): \(image) has no chip or descriptor")
                }
                let decoded = try Image(contentsOf: Fixtures.reference("\(set)/\(chip)")).rgb()
                chips.append(ReferenceChip(name: "\(set)/\(chip)", pixels: decoded.pixels,
                                           descriptor: descriptor.map(Float.init)))
            }
        }
        return chips
    }
}

/// The face recognition model, loaded once for all tests.
enum FaceModel {
    static let network: Result<DlibNetwork, Error> = Result {
        try DlibNetwork(contentsOf: Fixtures.model("dlib_face_recognition_resnet_model_v1.dat"))
    }

    static func load() throws -> DlibNetwork { try network.get() }
}

/// The largest absolute difference between two equally long vectors.
func maxAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "comparing vectors of \(a.count) and \(b.count) values")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
