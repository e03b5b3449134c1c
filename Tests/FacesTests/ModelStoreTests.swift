import Faces
import Foundation
import Testing
import TestSupport

/// The store's checks on a scratch folder, with no network: missing and damaged files.
@Suite struct ModelStoreTests {
    @Test func emptyFolderHasEveryModelMissing() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        let checks = store.verify()
        #expect(checks.map(\.model) == ModelCatalogue.default.models)
        #expect(checks.allSatisfy { $0.state == .missing })
    }

    @Test func missingModelErrorNamesModelFolderAndFix() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        let error = try #require(throws: ModelError.self) { try store.path(for: .dlibFaceRecognitionResNet) }
        #expect(error == .missing(model: "dlib_face_recognition_resnet_model_v1.dat", directory: folder.url.path))
        #expect(error.description == "model dlib_face_recognition_resnet_model_v1.dat is not installed in "
            + "\(folder.url.path): run `footfall models install`")
    }

    @Test func intactCopyIsOK() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        try folder.copyInstalled(.mtcnnPNet)
        #expect(store.state(of: .mtcnnPNet) == .ok)
        #expect(try store.path(named: "pnet") == folder.url.appendingPathComponent("pnet.onnx").path)
    }

    @Test func oneFlippedByteIsCorrupt() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        try folder.copyInstalled(.mtcnnPNet)
        try folder.flipByte(of: .mtcnnPNet, at: 1000)

        let check = try #require(store.verify([.mtcnnPNet]).first)
        guard case let .corrupt(reason) = check.state else {
            Issue.record("expected CORRUPT, got \(check.state)")
            return
        }
        #expect(reason.contains("expected \(ModelFile.mtcnnPNet.sha256)"))
        // Loading checks the size only, so the same-size damage is left to `verify`.
        #expect(store.state(of: .mtcnnPNet, hashing: false) == .ok)
    }

    @Test func truncatedFileFailsToLoad() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        try folder.copyInstalled(.mtcnnPNet)
        let location = store.location(of: .mtcnnPNet)
        try Data(try Data(contentsOf: location).prefix(100)).write(to: location)

        let error = try #require(throws: ModelError.self) { try store.path(for: .mtcnnPNet) }
        guard case let .corrupt(model, path, _) = error else {
            Issue.record("expected a corrupt-model error, got \(error)")
            return
        }
        #expect(model == "pnet.onnx" && path == location.path)
        #expect(error.description.contains("footfall models install"))
    }

    @Test func folderComesFromTheEnvironment() {
        #expect(ModelStore.defaultDirectory(environment: ["FOOTFALL_MODELS": "/srv/models"]).path == "/srv/models")
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        #expect(ModelStore.defaultDirectory(environment: [:]).path == home + "/.cache/footfall/models")
        #expect(ModelStore.defaultDirectory(environment: ["FOOTFALL_MODELS": ""]).path == home + "/.cache/footfall/models")
    }
}
