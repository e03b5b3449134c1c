import Foundation
import Faces
import TestSupport

/// One face of dlib's reference output (`shared/reference/dlib-bbt`, `dlib-scenes`): the HOG box
/// dlib found, the landmarks its predictors gave (whole pixels) and the chip it cut.
struct ReferenceFace: Sendable, CustomStringConvertible {
    /// The image, relative to `shared/data`.
    let image: String
    /// dlib's rectangle as an inclusive left, top, right, bottom.
    let box: Rect
    let landmarks5: [Point]
    /// Only the scenes set has 68-point landmarks.
    let landmarks68: [Point]?
    /// The reference chip's path.
    let chip: String
    /// dlib's 128-d descriptor of the face (no jitter).
    let descriptor: FaceDescriptor
    let index: Int

    var description: String { "\(image) face \(index)" }

    /// The 40 gray face crops, read as gray and converted to RGB by the reference run.
    static func bbt() throws -> [ReferenceFace] {
        let root = try Fixtures.referenceJSON("dlib-bbt/reference.json")
        let images = try require(root["images"] as? [String: [String: Any]], "dlib-bbt images")
        return try images.sorted { $0.key < $1.key }.map { image, json in
            try face(json, image: image, index: 0, set: "dlib-bbt")
        }
    }

    /// The colour photos, several faces each.
    static func scenes() throws -> [ReferenceFace] {
        let root = try Fixtures.referenceJSON("dlib-scenes/reference.json")
        let images = try require(root["images"] as? [String: [String: Any]], "dlib-scenes images")
        return try images.sorted { $0.key < $1.key }.flatMap { image, json in
            let faces = try require(json["faces"] as? [[String: Any]], "faces of \(image)")
            return try faces.enumerated().map { try face($1, image: image, index: $0, set: "dlib-scenes") }
        }
    }

    private static func face(_ json: [String: Any], image: String, index: Int, set: String) throws -> ReferenceFace {
        let ltrb = try require(json["rect_ltrb"] as? [Int], "rect_ltrb of \(image)")
        return ReferenceFace(
            image: image,
            box: Rect(dlibLeft: ltrb[0], top: ltrb[1], right: ltrb[2], bottom: ltrb[3]),
            landmarks5: try points(json["landmarks5"], "landmarks5 of \(image)"),
            landmarks68: json["landmarks68"] == nil ? nil : try points(json["landmarks68"], "landmarks68 of \(image)"),
            chip: Fixtures.reference(set + "/" + (try require(json["chip"] as? String, "chip of \(image)"))),
            descriptor: FaceDescriptor(try require(json["descriptor"] as? [Double], "descriptor of \(image)").map(Float.init)),
            index: index)
    }

    private static func points(_ value: Any?, _ what: String) throws -> [Point] {
        try require(value as? [[Double]], what).map { Point(x: Float($0[0]), y: Float($0[1])) }
    }

    private static func require<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw FixtureError("reference JSON lacks \(what)") }
        return value
    }
}
