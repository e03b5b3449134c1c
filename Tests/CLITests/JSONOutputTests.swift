import Foundation
import Testing
import TestSupport

/// Every command's `--format json` decodes into the schema the README documents. The types here
/// are written from the documentation, not shared with the binary, so a renamed or retyped
/// field fails.
@Suite struct JSONOutputTests {
    struct Detection: Decodable {
        var box: [Float]
        var confidence: Float
        var landmarks: [[Float]]
    }

    @Test func detect() throws {
        struct File: Decodable { var file: String; var width: Int; var height: Int; var faces: [Detection] }
        let files = try FootfallProcess.run(["detect", Fixtures.data("scenes/two_people.jpg"), "--format", "json"]).decoded([File].self)
        #expect(files.count == 1)
        #expect(files.first?.faces.count == 2)
        #expect(files.first?.width == 1126 && files.first?.height == 661)
        for face in files.first?.faces ?? [] {
            #expect(face.box.count == 4 && face.landmarks.count == 5 && face.landmarks.allSatisfy { $0.count == 2 })
            #expect(face.confidence > 0.9 && face.confidence <= 1)
        }
    }

    @Test func encode() throws {
        struct Embedding: Decodable { var model: String; var dimension: Int }
        struct Face: Decodable { var file: String; var box: [Float]?; var descriptor: [Float]; var embedding: Embedding }
        let faces = try FootfallProcess.run(["encode", Fixtures.data("scenes/two_people.jpg"), "--format", "json"]).decoded([Face].self)
        #expect(faces.count == 2)
        #expect(faces.allSatisfy { $0.box?.count == 4 && $0.descriptor.count == 128 })
        #expect(faces.allSatisfy { $0.embedding.model == "dlib_face_recognition_resnet_model_v1" && $0.embedding.dimension == 128 })
    }

    @Test func identify() throws {
        struct Match: Decodable { var name: String; var distance: Float }
        struct Recognition: Decodable {
            var name: String?
            var candidate: String?
            var score: Float?
            var threshold: Float?
            var scoreOrder: String
        }
        struct Face: Decodable { var box: [Float]; var name: String; var distance: Float?; var matches: [Match]; var recognition: Recognition }
        struct File: Decodable { var file: String; var faces: [Face] }
        let files = try FootfallProcess.run(["identify", Fixtures.data("identities/knn/train"),
                                             Fixtures.data("identities/knn/test/obama_and_biden.jpg"), "--format", "json"])
            .decoded([File].self)
        let faces = try #require(files.first?.faces)
        #expect(Set(faces.map(\.name)).isSuperset(of: ["obama", "biden"]))
        for face in faces {
            #expect(face.recognition.threshold == 0.6 && face.recognition.scoreOrder == "smallerIsSurer")
            #expect(face.recognition.candidate != nil && face.recognition.score != nil)
            if face.name == "unknown_person" {
                #expect(face.distance == nil && face.matches.isEmpty && face.recognition.name == nil)
            } else {
                #expect(face.matches.first?.name == face.name && face.distance == face.recognition.score)
            }
        }
    }

    @Test func compare() throws {
        struct Comparison: Decodable {
            var a: String
            var b: String
            var distance: Float
            var tolerance: Float
            var samePerson: Bool
            var facesInA: Int
            var facesInB: Int
        }
        let result = try FootfallProcess.run(["compare", Fixtures.data("identities/knn/train/biden/biden.jpg"),
                                              Fixtures.data("identities/knn/train/biden/biden2.jpg"), "--format", "json"])
            .decoded(Comparison.self)
        #expect(result.samePerson && result.distance < result.tolerance && result.facesInA >= 1)
    }

    @Test func cluster() throws {
        struct Face: Decodable { var cluster: Int; var file: String; var box: [Float] }
        struct Report: Decodable {
            var clusters: Int
            var threshold: Float
            var faces: [Face]
            var filesWithoutFace: [String]
            var adjustedRandIndex: Double?
        }
        let report = try FootfallProcess.run(["cluster", Fixtures.data("identities/knn/train"), "--ari", "--format", "json"])
            .decoded(Report.self)
        #expect(report.faces.count >= 9 && report.clusters >= 5)
        #expect(report.adjustedRandIndex != nil && report.filesWithoutFace.isEmpty)
    }

    @Test func train() throws {
        struct Evaluation: Decodable { var faces: Int; var people: Int; var correct: Int; var folds: Int }
        struct Calibration: Decodable { var threshold: Float; var targetFalseAcceptRate: Double }
        struct Pairs: Decodable { var genuinePairs: Int; var impostorPairs: Int; var threshold: Float }
        struct Summary: Decodable {
            var data: String
            var recipe: String
            var enrolment: String
            var pairs: Pairs
            var evaluation: Evaluation
            var calibration: Calibration?
            var model: String?
        }
        let summary = try FootfallProcess.run(["train", "--data", Fixtures.data("identities/celeb5/val"), "--folds", "2",
                                               "--rounds", "2", "--calibration-rounds", "2", "--far", "0.1", "--format", "json"])
            .decoded(Summary.self)
        #expect(summary.evaluation.people == 5 && summary.evaluation.faces == 24 && summary.evaluation.folds == 2)
        #expect(summary.calibration != nil && summary.model == nil)
    }

    @Test func evaluatePairsAndIdentification() throws {
        struct Pairs: Decodable {
            var pairs: Int
            var matched: Int
            var failedPairs: Int
            var accuracy: Double
            var foldAccuracies: [Double]
            var auc: Double
            var eer: Double
            var tarAtFAR: Double
        }
        let scratch = try Scratch()
        let list = try scratch.write(Array("file_x,file_y,Decision\nbiden.jpg,biden2.jpg,Yes\nbiden.jpg,obama2.jpg,No\nbiden2.jpg,obama2.jpg,No\n".utf8),
                                     as: "pairs.csv")
        try scratch.link("identities/knn/train/biden/biden.jpg", as: "biden.jpg")
        try scratch.link("identities/knn/train/biden/biden2.jpg", as: "biden2.jpg")
        try scratch.link("identities/knn/train/obama/obama2.jpg", as: "obama2.jpg")
        let pairs = try FootfallProcess.run(["evaluate", "pairs", "--pairs", list, "--folds", "3", "--format", "json"]).decoded(Pairs.self)
        #expect(pairs.pairs == 3 && pairs.matched == 1 && pairs.failedPairs == 0 && pairs.foldAccuracies.count == 3)

        struct Identification: Decodable { var images: Int; var people: Int; var correct: Int; var accuracy: Double; var withoutFace: Int }
        let identification = try FootfallProcess.run(["evaluate", "identification", Fixtures.data("identities/celeb5/val"),
                                                      "--format", "json"]).decoded(Identification.self)
        #expect(identification.images == 24 && identification.people == 5)
    }

    /// `--json` and `--csv` remain short for `--format json` and `--format csv`.
    @Test func formatAliases() throws {
        let image = Fixtures.data("scenes/two_people.jpg")
        let long = try FootfallProcess.run(["detect", image, "--format", "csv"])
        let short = try FootfallProcess.run(["detect", image, "--csv"])
        #expect(long.status == 0 && long.standardOutput == short.standardOutput)
        #expect(try FootfallProcess.run(["detect", image, "--json"]).standardOutput
            == FootfallProcess.run(["detect", image, "--format", "json"]).standardOutput)
    }
}

/// `evaluate pairs --save-distances` writes one row per pair, in the pairs file's order.
@Suite struct SavedDistancesTests {
    @Test func everyPairGetsARow() throws {
        let scratch = try Scratch()
        let list = try scratch.write(Array("file_x,file_y,Decision\nbiden.jpg,biden2.jpg,Yes\nbiden.jpg,blank.pgm,No\n".utf8),
                                     as: "pairs.csv")
        try scratch.link("identities/knn/train/biden/biden.jpg", as: "biden.jpg")
        try scratch.link("identities/knn/train/biden/biden2.jpg", as: "biden2.jpg")
        try scratch.writeBlankImage(as: "blank.pgm")
        let out = scratch.path("distances.csv")
        let result = try FootfallProcess.run(["evaluate", "pairs", "--pairs", list, "--folds", "2", "--save-distances", out])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows.first == ["first", "second", "same", "fold", "distance"])
        #expect(rows.count == 3)
        #expect(rows[1][2] == "1" && Float(rows[1][4]).map { $0 < 0.6 } == true)
        #expect(rows[2][2] == "0" && rows[2][4] == "inf")   // no face in the blank image
    }
}
