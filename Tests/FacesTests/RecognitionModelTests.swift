import Faces
import Foundation
import Testing

/// Saving and loading recognition models: every classifier comes back predicting exactly as
/// before, and files for another embedding, from a newer version, cut short or tampered with
/// are refused with the error that says so.
@Suite struct RecognitionModelTests {
    private static let toy = EmbeddingSignature(model: "toy", dimension: 4)

    /// Three people around the corners of a square in 4-d, seeded.
    private func people() throws -> LabelledDescriptors {
        var generator = SeededGenerator(seed: 11)
        let centres: [(String, [Float])] = [("ann", [1, 0, 0, 0]), ("bob", [0, 1, 0, 0]), ("cat", [0, 0, 1, 0])]
        return try LabelledDescriptors(centres.flatMap { name, centre in
            (0..<12).map { _ in (FaceDescriptor(centre.map { $0 + Float.random(in: -0.15...0.15, using: &generator) }), name) }
        })
    }

    private let probes = [
        FaceDescriptor([0.9, 0.1, 0, 0]), FaceDescriptor([0, 0.8, 0.1, 0.1]), FaceDescriptor([0.1, 0, 1.1, 0]),
        FaceDescriptor([0, 0, 0, 1]), FaceDescriptor([0.5, 0.5, 0, 0]),
    ]

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).json").path
    }

    private func trainedModel(_ kind: ClassifierKind, head: Bool = false) throws -> RecognitionModel {
        var options = TripletTrainingOptions()
        options.epochs = 5
        let recipe = TrainingRecipe(classifier: kind, tripletHead: head ? options : nil, embedding: Self.toy)
        var model = try recipe.fit(people())
        model.calibration = try OpenSetCalibration(recipe: recipe, data: people(), targetFalseAcceptRate: 0.1, rounds: 3)
        return model
    }

    @Test(arguments: ClassifierKind.allCases.map { ($0, false) } + [(.knn, true), (.svm, true)])
    func savedModelPredictsAsBefore(kind: ClassifierKind, head: Bool) throws {
        let model = try trainedModel(kind, head: head)
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try RecognitionModel(contentsOf: path, expecting: Self.toy)
        #expect(loaded.kind == kind && loaded.people == ["ann", "bob", "cat"])
        #expect(loaded.calibration == model.calibration)
        #expect((loaded.head == nil) == !head)
        for probe in probes { #expect(try loaded.predict(probe) == model.predict(probe)) }
        // The calibrated threshold is in force: something is rejected, and ann's centre is named.
        #expect(try loaded.predict(FaceDescriptor([1, 0, 0, 0])).label == "ann")
        #expect(try probes.map { try loaded.predict($0).label }.contains(nil))
    }

    @Test func anotherEmbeddingIsRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try trainedModel(.knn).save(to: path)
        for other in [EmbeddingSignature.dlibResNet, EmbeddingSignature(model: "toy", dimension: 5)] {
            #expect {
                try RecognitionModel(contentsOf: path, expecting: other)
            } throws: { error in
                guard case .otherEmbedding = error as? RecognitionModelError else { return false }
                return true
            }
        }
        #expect(throws: RecognitionModelError.self) {
            try RecognitionModel(contentsOf: path, expecting: Self.toy).predict(FaceDescriptor([1, 2, 3]))
        }
    }

    /// Rewrites the saved JSON with `edit` and returns the error loading it gives.
    private func loadingError(after edit: (inout [String: Any]) -> Void) throws -> RecognitionModelError? {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try trainedModel(.svm).save(to: path)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        do {
            _ = try RecognitionModel(contentsOf: path, expecting: Self.toy)
            return nil
        } catch {
            return error as? RecognitionModelError
        }
    }

    @Test func newerVersionIsRefused() throws {
        let error = try loadingError { $0["version"] = RecognitionModel.version + 1 }
        guard case .newerVersion(_, let found, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(found == RecognitionModel.version + 1)
    }

    @Test func tamperedStateIsReportedAsDamage() throws {
        let shortWeights = try loadingError { object in
            var state = object["state"] as? [String: Any] ?? [:]
            state["weights"] = [[0.5, 0.5]]
            object["state"] = state
        }
        guard case .damaged = shortWeights else { Issue.record("got \(String(describing: shortWeights))"); return }
        let unknownKind = try loadingError { $0["classifier"] = "forest" }
        guard case .damaged = unknownKind else { Issue.record("got \(String(describing: unknownKind))"); return }
    }

    @Test func truncatedAndForeignFilesAreRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try trainedModel(.softmax).save(to: path)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        #expect {
            try RecognitionModel(contentsOf: path, expecting: Self.toy)
        } throws: { error in
            guard case .damaged = error as? RecognitionModelError else { return false }
            return true
        }
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try RecognitionModel(contentsOf: path, expecting: Self.toy)
        } throws: { error in
            guard case .notAModel = error as? RecognitionModelError else { return false }
            return true
        }
        #expect(throws: RecognitionModelError.self) {
            try RecognitionModel(contentsOf: path + ".missing", expecting: Self.toy)
        }
        #expect(throws: RecognitionModelError.self) {
            try trainedModel(.knn).save(to: "/nonexistent-folder/model.json")
        }
    }
}
