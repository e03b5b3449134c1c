import Foundation
import Testing
import TestSupport

/// `--embedder dlib|sface` on the commands that describe faces: each embedder brings its own
/// default tolerance, a saved model names its embedder, and descriptors of one embedder are
/// never matched with the other's.
@Suite struct EmbedderChoiceTests {
    static let dlib = "dlib_face_recognition_resnet_model_v1"
    static let sface = "face_recognition_sface_2021dec_int8bq"

    struct Recognition: Decodable { var threshold: Float? }
    struct Face: Decodable { var name: String; var recognition: Recognition }
    struct File: Decodable { var file: String; var faces: [Face] }

    /// The faces whose name is the folder their photo lies in, and all faces.
    static func named(_ files: [File]) -> (correct: Int, faces: Int) {
        let faces = files.flatMap { file in
            file.faces.map { ($0.name, URL(fileURLWithPath: file.file).deletingLastPathComponent().lastPathComponent) }
        }
        return (faces.filter { $0.0 == $0.1 }.count, faces.count)
    }

    /// celeb5/train as the known people, celeb5/val to name. Measured: 24 of 24 faces named with
    /// --embedder sface (1.000; dlib also 24 of 24); the bound leaves one face of slack.
    @Test func identifyWithSFaceNamesCeleb5() throws {
        let result = try FootfallProcess.run(["identify", Fixtures.data("identities/celeb5/train"), Fixtures.data("identities/celeb5/val"),
                                              "--embedder", "sface", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try result.decoded([File].self)
        let (correct, faces) = Self.named(files)
        #expect(faces == 24)
        #expect(correct >= 23, "\(correct) of \(faces) named")
        // Without --tolerance, SFace's own threshold applies, not dlib's 0.6.
        #expect(files.flatMap(\.faces).allSatisfy { $0.recognition.threshold == 1.128 })
    }

    /// A model remembers its embedder: `identify --model` describes faces with it when
    /// --embedder is left out, and refuses a contradicting --embedder, naming the one to pass.
    @Test func modelsKeepTheirEmbedder() throws {
        let scratch = try Scratch()
        let quick = ["--folds", "2", "--rounds", "2", "--calibration-rounds", "2", "--far", "0.1"]
        let val = Fixtures.data("identities/celeb5/val")
        let dlibModel = scratch.path("dlib.model"), sfaceModel = scratch.path("sface.model")
        let dlibTraining = try FootfallProcess.run(["train", "--data", val, "--out", dlibModel] + quick)
        #expect(dlibTraining.status == 0, "\(dlibTraining.standardError)")
        let sfaceTraining = try FootfallProcess.run(["train", "--data", Fixtures.data("identities/celeb5/train"), "--embedder", "sface",
                                                     "--out", sfaceModel] + quick)
        #expect(sfaceTraining.status == 0, "\(sfaceTraining.standardError)")
        #expect(sfaceTraining.standardOutput.contains("embedding: \(Self.sface)"))
        let saved = try String(contentsOfFile: sfaceModel, encoding: .utf8)
        #expect(saved.contains(#""model":"\#(Self.sface)""#))

        let refused = try FootfallProcess.run(["identify", "--model", dlibModel, val, "--embedder", "sface"])
        #expect(refused.status == 64 && refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("pass --embedder dlib"), "\(refused.standardError)")
        let refusedToo = try FootfallProcess.run(["identify", "--model", sfaceModel, val, "--embedder", "dlib"])
        #expect(refusedToo.status == 64 && refusedToo.standardError.contains("pass --embedder sface"), "\(refusedToo.standardError)")

        // Left out, --embedder follows the model: SFace descriptors for the SFace model.
        // Measured: 24 of 24 of celeb5/val named at the model's calibrated threshold.
        let followed = try FootfallProcess.run(["identify", "--model", sfaceModel, val, "--format", "json"])
        #expect(followed.status == 0, "\(followed.standardError)")
        let (correct, faces) = Self.named(try followed.decoded([File].self))
        #expect(faces == 24 && correct >= 23, "\(correct) of \(faces) named")
        let agreeing = try FootfallProcess.run(["identify", "--model", dlibModel, Fixtures.data("identities/celeb5/val/madonna"),
                                                "--embedder", "dlib"])
        #expect(agreeing.status == 0, "\(agreeing.standardError)")
    }

    /// Every descriptor `encode` prints names its embedding: JSON's `embedding` field, CSV's last column.
    @Test func encodeNamesTheEmbedding() throws {
        struct Embedding: Decodable { var model: String; var dimension: Int }
        struct Encoded: Decodable { var descriptor: [Float]; var embedding: Embedding }
        let image = Fixtures.data("scenes/two_people.jpg")
        let json = try FootfallProcess.run(["encode", image, "--embedder", "sface", "--format", "json"]).decoded([Encoded].self)
        #expect(json.count == 2)
        #expect(json.allSatisfy { $0.embedding.model == Self.sface && $0.embedding.dimension == 128 && $0.descriptor.count == 128 })
        // SFace descriptors are unit length.
        #expect(json.allSatisfy { abs($0.descriptor.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4 })

        let csv = try FootfallProcess.run(["encode", image, "--embedder", "sface"])
        let rows = csv.lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 2 && rows.allSatisfy { $0.count == 1 + 4 + 128 + 1 && $0.last.map(String.init) == Self.sface })
    }

    /// compare and cluster take the embedder's own default threshold and say which embedding they used.
    @Test func compareAndClusterUseTheEmbeddersThreshold() throws {
        struct Embedding: Decodable { var model: String }
        struct Comparison: Decodable { var distance: Float; var tolerance: Float; var samePerson: Bool; var embedding: Embedding }
        let biden = Fixtures.data("identities/knn/train/biden/biden.jpg")
        let same = try FootfallProcess.run(["compare", biden, Fixtures.data("identities/knn/train/biden/biden2.jpg"),
                                            "--embedder", "sface", "--format", "json"]).decoded(Comparison.self)
        #expect(same.tolerance == 1.128 && same.embedding.model == Self.sface)
        #expect(same.samePerson && same.distance > 0.6, "distance \(same.distance)")   // 0.93: SFace's scale, not dlib's
        let other = try FootfallProcess.run(["compare", biden, Fixtures.data("identities/knn/train/obama/obama2.jpg"),
                                             "--embedder", "sface", "--format", "json"]).decoded(Comparison.self)
        #expect(!other.samePerson)
        let dlib = try FootfallProcess.run(["compare", biden, biden, "--format", "json"]).decoded(Comparison.self)
        #expect(dlib.tolerance == 0.6 && dlib.embedding.model == Self.dlib)

        // Measured on the 40 bbt crops: 8 clusters, adjusted Rand index 1.0 at SFace's default
        // threshold 0.94 (0.5 × 1.128 / 0.6); 1.128 itself merges two people (7 clusters, 0.85).
        struct Report: Decodable { var clusters: Int; var threshold: Float; var adjustedRandIndex: Double?; var embedding: Embedding }
        let report = try FootfallProcess.run(["cluster", Fixtures.data("identities/bbt"), "--crops", "--ari", "--embedder", "sface",
                                              "--format", "json"]).decoded(Report.self)
        #expect(abs(report.threshold - 0.94) < 1e-5 && report.embedding.model == Self.sface)
        #expect(report.clusters == 8 && (report.adjustedRandIndex ?? 0) >= 0.95)
    }
}
