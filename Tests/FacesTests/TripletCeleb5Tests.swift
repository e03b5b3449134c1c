import Faces
import Testing

/// The triplet head on real descriptors: celeb5's training photos through MTCNN and dlib's
/// ResNet, judged on its validation photos.
@Suite struct TripletCeleb5Tests {
    /// Measured (seed 0, default options: 20 epochs, P = 8, K = 4, margin 0.2, Adam at 0.01):
    /// the mean batch loss falls from 0.072 in the first epoch to 0 in the last, and kNN names
    /// all 24 validation faces both without the head and with it.
    @Test func headLowersTheLossAndKeepsValidationAccuracy() async throws {
        let training = try await IdentityFaces.labelled("celeb5/train")
        let validation = try await IdentityFaces.labelled("celeb5/val")

        var head = try TripletHead()
        let losses = try head.train(descriptors: training.descriptors, labels: training.labels)
        print("celeb5 triplet loss by epoch: \(losses)")
        let first = try #require(losses.first), last = try #require(losses.last)
        #expect(last < first / 2)

        func accuracy(_ recipe: TrainingRecipe) throws -> Double {
            let model = try recipe.fit(training)
            let named = try zip(validation.descriptors, validation.labels).filter { try model.predict($0).label == $1 }.count
            return Double(named) / Double(validation.count)
        }
        let plain = try accuracy(TrainingRecipe(classifier: .knn))
        let withHead = try accuracy(TrainingRecipe(classifier: .knn, tripletHead: TripletTrainingOptions()))
        print("celeb5 validation kNN accuracy: \(plain) without the head, \(withHead) with it")
        #expect(withHead >= plain)
    }
}
