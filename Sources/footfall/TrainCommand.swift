import ArgumentParser
import Faces
import Foundation

/// `footfall train`: learns a recogniser for known people, measures it by cross-validation and
/// saves it for `identify --model`.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a recogniser on photos of known people, cross-validate it, and save it.",
        discussion: """
            DATA holds a folder per person (NAME/1.jpg, NAME/2.jpg, …) or person-named photos; \
            each photo must show exactly one face, others are skipped with a warning. Give \
            --data several times to pool folders (a name in two folders is one person).

            Classifiers, over the 128-d descriptors of --embedder (dlib by default, or sface):
              knn            k = round(√N) nearest neighbours, votes weighted by 1/d
              svm            linear SVM per person, one-vs-rest
              softmax        softmax regression (a dense layer; Adam, L2, early stopping)
              class-mean     nearest mean descriptor of each person
              mean-distance  smallest mean distance to a person's descriptors (face-api.js)
            "triplet+" before any of them (triplet+knn) first trains a linear head with the \
            triplet loss and semi-hard mining, and classifies its projections.

            --enrolment decides what a person's photos become before the classifier learns: \
            every descriptor (all), their mean (average), or the mean of each cluster of \
            look-alike photos (clusters). With average or clusters, knn names the nearest \
            prototype (k = 1).

            It prints the genuine (same person) and impostor distances of DATA's \
            descriptors, with the pair threshold for --far and its false-reject rate. Then \
            cross-validation over --folds folds of each person's faces: accuracy of the best \
            candidate, accuracy when it must also pass a threshold calibrated on the training \
            folds alone, and each person's recall. Then the open set: the people dealt into \
            --rounds groups, each left out once as strangers of a model trained and calibrated \
            on the rest, and the share of stranger faces given a name, against the --far \
            target. With --validation, the final model on another folder: people it knows \
            should be named, anyone else turned away.

            The saved model holds descriptors or weights (never photos) and the threshold for \
            --far, calibrated on all of DATA by --calibration-rounds rounds of strangers, \
            and names its embedder; `footfall identify --model` uses it and describes faces \
            with that embedder.

            --format: text (default) or json.

            Examples:
              footfall train --data members/ --classifier svm --out members.model
              footfall train --data orl/ --data celeb5/train --classifier triplet+knn \\
                  --out head.model
              footfall train --data ../shared/data/identities/celeb5/train \\
                  --validation ../shared/data/identities/celeb5/val --classifier triplet+knn
              footfall train --data members/ --embedder sface --out members-sface.model
            """)

    @Option(help: "Folder of known people: a folder per person, or person-named photos (repeatable).")
    var data: [String]

    @Option(help: "knn, svm, softmax, class-mean or mean-distance, optionally after triplet+.")
    var classifier: ClassifierChoice = ClassifierChoice(kind: .knn, tripletHead: false)

    @Option(help: "all, average or clusters.")
    var enrolment: EnrolmentChoice = .all

    @Option(help: ArgumentHelp("Cluster threshold for --enrolment clusters (descriptor distance; default: 0.4 for dlib, 0.752 for sface).",
                               valueName: "distance"))
    var clusterThreshold: Float?

    @Option(help: "Target open-set false-accept rate: the share of strangers that may be given a name.")
    var far = 0.01

    @Option(help: "Cross-validation folds over each person's faces.")
    var folds = 5

    @Option(help: "Rounds of the open-set test; each leaves out 1/ROUNDS of the people as strangers.")
    var rounds = 5

    @Option(help: "Rounds of strangers for calibrating a threshold, as --rounds but inside the training data.")
    var calibrationRounds = 10

    @Option(help: "Epochs of triplet-head training (triplet+ classifiers).")
    var tripletEpochs = TripletTrainingOptions().epochs

    @Option(help: "A folder laid out like DATA to test the final model on.")
    var validation: String?

    @Option(help: "Save the trained, calibrated model to this file.")
    var out: String?

    @Option(help: "Seeds every random choice, so a run can be repeated exactly.")
    var seed: UInt64 = 0

    @OptionGroup var augmentation: AugmentationOptions

    @OptionGroup var parallel: ParallelOptions

    @OptionGroup var embedding: EmbedderChoice

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try output.resolved(among: [.text, .json], standard: .text)
        guard !data.isEmpty else { throw ValidationError("give the known people with --data FOLDER") }
        guard far > 0, far < 1 else { throw ValidationError("--far must lie in (0, 1), such as 0.01") }
        guard folds >= 2 else { throw ValidationError("--folds must be 2 or more") }
        guard rounds >= 2, calibrationRounds >= 2 else { throw ValidationError("--rounds and --calibration-rounds must be 2 or more") }
        guard tripletEpochs >= 1 else { throw ValidationError("--triplet-epochs must be 1 or more") }
        if let clusterThreshold, !(clusterThreshold > 0) { throw ValidationError("--cluster-threshold must be positive, such as 0.4") }
    }

    var recipe: TrainingRecipe {
        var head: TripletTrainingOptions?
        if classifier.tripletHead {
            var options = TripletTrainingOptions()
            options.epochs = tripletEpochs
            options.seed = seed
            head = options
        }
        let strategy: EnrolmentStrategy = switch enrolment {
        case .all: .all
        case .average: .average
        case .clusters: .clusters(threshold: clusterThreshold ?? embedding.scaled(fromDlib: EnrolmentStrategy.defaultClusterThreshold))
        }
        return TrainingRecipe(classifier: classifier.kind, enrolment: strategy, tripletHead: head, seed: seed,
                              embedding: embedding.signature)
    }

    func run() async throws {
        let pipeline = try embedding.pipeline()
        let pool = parallel.pool()
        var examples = [(descriptor: FaceDescriptor, label: String)]()
        for folder in data {
            let faces = try await labelledFaces(in: folder, pipeline: pipeline, pool: pool)
            examples += zip(faces.descriptors, faces.labels).map { ($0, $1) }
        }
        let training = try LabelledDescriptors(examples)
        let recipe = recipe
        let evaluation = try RecogniserEvaluation(recipe: recipe, data: training, folds: folds, strangerRounds: rounds,
                                                  calibrationRounds: calibrationRounds, targetFalseAcceptRate: far, seed: seed)
        let pairs = try PairDistances(CalibrationReport(
            distributions: DistanceDistributions(descriptors: training.descriptors, labels: training.labels),
            targetFalseAcceptRate: far))
        var model = try recipe.fit(training)
        model.calibration = try OpenSetCalibration(recipe: recipe, data: training, targetFalseAcceptRate: far,
                                                   rounds: calibrationRounds, seed: seed)
        var checked: ModelValidation?
        if let validation {
            let faces = try await labelledFaces(in: validation, pipeline: pipeline, pool: pool)
            checked = try ModelValidation(model: model, faces: faces)
        }
        if let out { try model.save(to: out) }
        let summary = TrainingSummary(data: data.joined(separator: " + "), embedding: recipe.embedding,
                                      recipe: recipe.name, enrolment: recipe.enrolment.description,
                                      pairs: pairs, evaluation: evaluation, calibration: model.calibration, validationFolder: validation,
                                      validation: checked, model: out)
        if try output.resolved(among: [.text, .json], standard: .text) == .json {
            print(try jsonString(summary))
        } else {
            summary.printText()
        }
    }

    /// The subject's face of each photo in `folder`, labelled by person; photos without a face
    /// or with an ambiguous subject are skipped with a warning.
    func labelledFaces(in folder: String, pipeline: FacePipeline, pool: ComputePool) async throws -> LabelledDescriptors {
        try LabelledDescriptors(await enrolKnownPeople(in: folder, pipeline: pipeline, augmentation: augmentation, pool: pool).gallery)
    }
}

/// `--classifier`: a classifier kind, with or without a triplet head before it.
struct ClassifierChoice: ExpressibleByArgument {
    var kind: ClassifierKind
    var tripletHead: Bool

    init(kind: ClassifierKind, tripletHead: Bool) {
        self.kind = kind
        self.tripletHead = tripletHead
    }

    init?(argument: String) {
        let head = argument.hasPrefix("triplet+")
        guard let kind = ClassifierKind(rawValue: head ? String(argument.dropFirst("triplet+".count)) : argument) else { return nil }
        self.init(kind: kind, tripletHead: head)
    }

    var defaultValueDescription: String { (tripletHead ? "triplet+" : "") + kind.rawValue }

    static var allValueStrings: [String] {
        ClassifierKind.allCases.map(\.rawValue) + ClassifierKind.allCases.map { "triplet+" + $0.rawValue }
    }
}

enum EnrolmentChoice: String, ExpressibleByArgument, CaseIterable {
    case all, average, clusters
}

/// The genuine and impostor distance distributions of the training descriptors, in brief.
struct PairDistances: Codable {
    var genuinePairs: Int
    var impostorPairs: Int
    var genuineMedian: Float
    var impostorMedian: Float
    var targetFalseAcceptRate: Double
    var threshold: Float
    var falseAcceptRate: Double
    var falseRejectRate: Double

    init(_ report: CalibrationReport) {
        genuinePairs = report.genuineCount
        impostorPairs = report.impostorCount
        genuineMedian = report.genuineMedian
        impostorMedian = report.impostorMedian
        targetFalseAcceptRate = report.targetFalseAcceptRate
        threshold = report.threshold
        falseAcceptRate = report.falseAcceptRate
        falseRejectRate = report.falseRejectRate
    }
}

/// What `train` prints.
struct TrainingSummary: Codable {
    var data: String
    /// The descriptors trained on, as the saved model names them.
    var embedding: EmbeddingSignature
    var recipe: String
    var enrolment: String
    var pairs: PairDistances
    var evaluation: RecogniserEvaluation
    var calibration: OpenSetCalibration?
    /// The final model on the --validation folder.
    var validationFolder: String?
    var validation: ModelValidation?
    var model: String?

    func printText() {
        let e = evaluation
        func rate(_ count: Int, _ total: Int) -> String {
            String(format: "%.4f (%d of %d)", Double(count) / Double(max(total, 1)), count, total)
        }
        print("data: \(data): \(e.faces) faces of \(e.people) people")
        print("embedding: \(embedding)")
        print("recogniser: \(recipe), enrolment \(enrolment)")
        let p = pairs
        print("distances: \(p.genuinePairs) genuine pairs (median \(p.genuineMedian)), "
              + "\(p.impostorPairs) impostor pairs (median \(p.impostorMedian))")
        print("  pair threshold for FAR \(p.targetFalseAcceptRate): \(p.threshold) "
              + String(format: "(FAR %.4f, FRR %.4f)", p.falseAcceptRate, p.falseRejectRate))
        print("cross-validation (\(e.folds) folds):")
        print("  accuracy: \(rate(e.correct, e.faces))")
        print("  accuracy at the calibrated threshold: \(rate(e.correctAtThreshold, e.faces))")
        print("  recall per person:")
        for person in e.recall {
            print("    \(person.person): " + rate(person.named, person.faces))
        }
        print("open set (\(e.strangerRounds) rounds, each person once a stranger):")
        print("  strangers given a name: \(rate(e.acceptedStrangers, e.strangerFaces)), target FAR \(e.targetFalseAcceptRate)")
        if let validation {
            print("validation (\(validationFolder ?? "")):")
            if validation.knownFaces > 0 {
                print("  accuracy: \(rate(validation.named, validation.knownFaces))")
                print("  accuracy at the calibrated threshold: \(rate(validation.namedAtThreshold, validation.knownFaces))")
            }
            if validation.strangerFaces > 0 {
                print("  strangers given a name: \(rate(validation.acceptedStrangers, validation.strangerFaces))")
            }
        }
        if let calibration {
            let where_ = model.map { "saved to \($0)" } ?? "not saved (no --out)"
            print("model: \(where_); threshold \(calibration.threshold) for FAR \(calibration.targetFalseAcceptRate), "
                  + "calibrated on \(calibration.strangerFaces) stranger faces (\(calibration.acceptedStrangers) accepted)")
        }
    }
}
