import Faces
import Testing

/// Open-set recognition on ORL (40 people × 10 photos) through MTCNN and dlib's ResNet.
@Suite struct OpenSetORLTests {
    /// Five rounds each hold out 20% of the people (8 of 40, every person once) as strangers;
    /// the model is trained on the other 32 and its threshold calibrated for a 5% false-accept
    /// rate on those 32 alone (ten inner rounds of their own strangers). The share of the 400
    /// stranger faces then given a name must lie within a factor of 2 of the target: in
    /// [0.025, 0.1]. 5% rather than 0.1% because 400 faces resolve a rate to 0.0025.
    ///
    /// Measured (seed 0): kNN 0.085, class mean 0.070, mean distance 0.070, linear SVM 0.030,
    /// softmax 0.030; closed-set cross-validated accuracy 1.000 for all five.
    @Test(arguments: [ClassifierKind.knn, .classMean, .meanDistance, .svm, .softmax])
    func strangersAreAcceptedAtTheTargetRate(kind: ClassifierKind) async throws {
        let orl = try await IdentityFaces.labelled("orl")
        #expect(orl.count == 400 && orl.classes.count == 40)
        let evaluation = try RecogniserEvaluation(recipe: TrainingRecipe(classifier: kind), data: orl, folds: 5,
                                                  strangerRounds: 5, calibrationRounds: 10, targetFalseAcceptRate: 0.05)
        print("ORL open set \(kind.rawValue): \(evaluation.acceptedStrangers) of \(evaluation.strangerFaces) strangers named; "
              + "accuracy \(evaluation.accuracy), at threshold \(evaluation.accuracyAtThreshold)")
        #expect(evaluation.strangerFaces == 400)
        #expect(evaluation.strangerFalseAcceptRate >= 0.025 && evaluation.strangerFalseAcceptRate <= 0.1)
        // measured worst: 1.0 for all five; bound: 1 (was 0.99).
        #expect(evaluation.accuracy == 1)
        #expect(evaluation.recall.count == 40)
    }
}
