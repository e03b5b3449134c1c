import Faces
import Foundation
import Testing

/// The one JSON form of results that the command line and the service share.
@Suite struct WireFormTests {
    @Test func boxesAndPointsAreArrays() throws {
        let detection = FaceDetection(box: Rect(x: 1, y: 2, width: 30, height: 40), confidence: 0.5,
                                      landmarks: [Point(x: 5, y: 6)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(detection), as: UTF8.self)
        #expect(json == #"{"box":[1,2,30,40],"confidence":0.5,"landmarks":[[5,6]]}"#)
        #expect(try JSONDecoder().decode(FaceDetection.self, from: Data(json.utf8)) == detection)
    }

    @Test func describedFaceRoundTripsWithABareDescriptor() throws {
        let face = DescribedFace(detection: FaceDetection(box: Rect(x: 0, y: 0, width: 10, height: 10), confidence: 1),
                                 alignmentLandmarks: [Point(x: 1, y: 1)], descriptor: FaceDescriptor([0.25, -0.5]))
        let data = try JSONEncoder().encode(face)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["descriptor"] as? [Double] == [0.25, -0.5])
        #expect(object["landmarks68"] == nil)
        #expect(try JSONDecoder().decode(DescribedFace.self, from: data) == face)
    }

    @Test func malformedBoxesAreRefused() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Rect.self, from: Data("[1,2,3]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Rect.self, from: Data("[1,2,3,4,5]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Point.self, from: Data(#"{"x":1,"y":2}"#.utf8)) }
    }
}
