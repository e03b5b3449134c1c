import Faces
import Foundation
import Testing

/// One ``Recogniser`` answer, whether the people come from a gallery or from a trained model.
@Suite struct RecogniserTests {
    static let alice = FaceDescriptor([0, 0, 0])
    static let bob = FaceDescriptor([1, 0, 0])

    /// A 128-value descriptor (the models' embedding) with the given first values.
    static func descriptor(_ head: Float...) -> FaceDescriptor {
        FaceDescriptor(head + [Float](repeating: 0, count: 128 - head.count))
    }

    @Test func galleryNamesWithinToleranceAndKeepsTheCandidateOtherwise() {
        let recogniser = GalleryRecogniser(gallery: FaceGallery(people: ["alice": [Self.alice], "bob": [Self.bob]]), tolerance: 0.3)
        let near = recogniser.recognise(FaceDescriptor([0.1, 0, 0]))
        #expect(near.name == "alice" && near.candidate == "alice" && near.threshold == 0.3)
        #expect(abs((near.score ?? 0) - 0.1) < 1e-6)
        let between = recogniser.recognise(FaceDescriptor([0.5, 0, 0]))
        #expect(between.name == nil && between.candidate != nil && !between.isKnown)
        #expect(recogniser.people == ["alice", "bob"])
    }

    @Test func emptyGalleryKnowsNobody() throws {
        let answer = GalleryRecogniser(gallery: FaceGallery()).recognise(Self.alice)
        #expect(answer.name == nil && answer.candidate == nil && answer.score == nil)
        // Encodable although the distance to nobody is infinite.
        let json = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        #expect(json.contains("\"scoreOrder\":\"smallerIsSurer\"") && !json.contains("score\":"))
    }

    @Test func modelAnswersWithItsThreshold() throws {
        let data = try LabelledDescriptors([(Self.descriptor(0), "alice"), (Self.descriptor(0, 0.1), "alice"),
                                            (Self.descriptor(1), "bob"), (Self.descriptor(1, 0.1), "bob")])
        let model = try TrainingRecipe(classifier: .classMean).fit(data)
        let closed = try model.recognise(Self.descriptor(0.9))
        #expect(closed.name == "bob" && closed.threshold == nil)
        let recognisers: [any Recogniser] = [model]
        #expect(recognisers[0].people == ["alice", "bob"])
        #expect(try recognisers[0].recognise(Self.descriptor(0, 0.05)).name == "alice")
        #expect(throws: RecognitionModelError.self) { try recognisers[0].recognise(Self.alice) }
    }
}
