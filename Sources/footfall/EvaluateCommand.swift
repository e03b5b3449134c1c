import ArgumentParser
import Faces
import Foundation

/// `footfall evaluate`: benchmark the recogniser on labelled data.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure verification and identification accuracy on labelled data.",
        subcommands: [Pairs.self, Identification.self])

    /// The face each image stands for, by `choice`, in parallel; unreadable images are
    /// reported by name, images without a face are returned apart.
    static func describe(_ paths: [String], choice: FaceChoiceOptions, augmentation: AugmentationOptions,
                         parallel: ParallelOptions, embedding: EmbedderChoice) async throws -> ImageScan {
        let pipeline = try embedding.pipeline()
        var scan = ImageScan()
        let options = DescriptionOptions(selection: choice.face, augmentation: augmentation.augmentation)
        for image in await pipeline.describeOneFace(inFiles: paths, options: options, on: parallel.pool(),
                                                    progress: ProgressBar("faces").update) {
            switch image.face {
            case let .success(chosen?):
                scan.descriptors[image.path] = chosen.face.descriptor
                if chosen.faceCount > 1 { scan.withSeveralFaces += 1 }
            case .success(nil):
                scan.withoutFace.append(image.path)
            case let .failure(error):
                scan.unreadable.append(image.path)
                printError("\(image.path): \(error)")
            }
        }
        for path in scan.withoutFace { printError("\(path): no face found") }
        return scan
    }

    /// What ``describe(_:choice:augmentation:parallel:embedding:)`` found.
    struct ImageScan {
        var descriptors = [String: FaceDescriptor]()
        var withoutFace = [String]()
        var unreadable = [String]()
        /// Images in which the detector found more than one face (one was chosen by --face).
        var withSeveralFaces = 0
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}

extension EvaluateCommand {
    /// `footfall evaluate pairs`: LFW-style face verification.
    struct Pairs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pairs",
            abstract: "Verification accuracy, AUC, EER and TAR@FAR on labelled pairs (LFW protocol).",
            discussion: """
                Each image is described by one face: its subject, large and near the middle \
                (--face most-confident or largest choose otherwise). Accuracy is cross-validated: \
                for each fold the distance threshold is chosen on the other folds, and the mean ± \
                standard deviation over folds is printed. LFW's pairs.txt defines 10 folds as \
                consecutive blocks; a CSV file's pairs are dealt round-robin into --folds folds.

                A pair whose image has no face, or cannot be read, is never dropped: its distance \
                counts as infinite, so it is called "different" (wrong for a matched pair) and \
                sits at the far end of the ROC curve. Their number is printed; unreadable images \
                also make the exit status 1.

                Formats:
                  lfw  pairs.txt: "10 300", then `name n1 n2` (matched) and `name1 n1 name2 n2`
                       (mismatched) lines; images at IMAGES/name/name_000n.jpg
                  csv  header file_x,file_y,Decision; Decision Yes or No; paths relative to IMAGES

                --format: text (default) or json.

                Examples:
                  footfall evaluate pairs --pairs lfw/pairs.txt --images lfw/ --roc roc.svg
                  footfall evaluate pairs --pairs ../shared/data/pairs/deepface/master.csv
                  footfall evaluate pairs --pairs ../shared/data/pairs/deepface/master.csv --head members.model
                """)

        @Option(help: "The pairs file.")
        var pairs: String

        @Option(help: "The folder image paths are relative to; defaults to the pairs file's folder.")
        var images: String?

        @Option(help: "The pairs file's layout, lfw or csv; defaults to csv for .csv files, else lfw.")
        var pairsFormat: PairsFormat?

        @Option(help: "Folds for a CSV file (LFW files name their own).")
        var folds = 10

        @Option(help: "False accept rate at which to report the true accept rate.")
        var far = 1e-3

        @Option(help: "Write the ROC curve to this SVG file.")
        var roc: String?

        @Option(help: "Compare descriptors after the triplet head of this model (from `footfall train --classifier triplet+…`).")
        var head: String?

        @Option(help: ArgumentHelp("Write every pair's distance to this CSV file (first,second,same,fold,distance).",
                                   valueName: "file"))
        var saveDistances: String?

        @OptionGroup var choice: FaceChoiceOptions

        @OptionGroup var augmentation: AugmentationOptions

        @OptionGroup var parallel: ParallelOptions

        @OptionGroup var embedding: EmbedderChoice

        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try output.resolved(among: [.text, .json], standard: .text)
            guard folds >= 2 else { throw ValidationError("--folds must be 2 or more") }
            guard far > 0, far <= 1 else { throw ValidationError("--far must lie in (0, 1], such as 0.001") }
            if let roc, !roc.lowercased().hasSuffix(".svg") { throw ValidationError("--roc writes SVG: name a file ending in .svg") }
        }

        func run() async throws {
            let text: String
            do { text = try String(contentsOfFile: pairs, encoding: .utf8) } catch {
                printError("\(pairs): cannot be read (\(error.localizedDescription))")
                throw ExitCode.failure
            }
            let root = images ?? (pairs as NSString).deletingLastPathComponent
            let kind = pairsFormat ?? (pairs.lowercased().hasSuffix(".csv") ? .csv : .lfw)
            let labelled = switch kind {
            case .lfw: try LabelledPair.lfw(text, images: root.isEmpty ? "." : root, file: pairs)
            case .csv: try LabelledPair.csv(text, images: root.isEmpty ? "." : root, folds: folds, file: pairs)
            }
            let projection = try head.map { path in
                guard let head = try RecognitionModel(contentsOf: path, expecting: embedding.signature).head else {
                    printError("\(path) has no triplet head: train it with --classifier triplet+knn (or another triplet+ classifier)")
                    throw ExitCode.failure
                }
                return head
            }
            let paths = Array(Set(labelled.flatMap { [$0.first, $0.second] })).sorted()
            let scan = try await EvaluateCommand.describe(paths, choice: choice, augmentation: augmentation, parallel: parallel, embedding: embedding)
            let descriptors = try projection.map { head in try scan.descriptors.mapValues(head.project) } ?? scan.descriptors
            let report = try VerificationReport(pairs: labelled, descriptors: descriptors)
            if let saveDistances { try EvaluateCommand.writeDistances(report, to: saveDistances) }
            if let roc {
                try report.roc.svg(title: (pairs as NSString).lastPathComponent).write(toFile: roc, atomically: true, encoding: .utf8)
            }

            let summary = PairsSummary(
                pairs: labelled.count, matched: labelled.filter(\.same).count,
                failedPairs: report.failedPairs.count, imagesWithoutFace: scan.withoutFace.count,
                imagesWithSeveralFaces: scan.withSeveralFaces, face: choice.face.rawValue,
                unreadableImages: scan.unreadable, accuracy: report.accuracy.mean,
                accuracyStandardDeviation: report.accuracy.standardDeviation, foldAccuracies: report.accuracy.foldAccuracies,
                thresholds: report.accuracy.thresholds, auc: report.roc.areaUnderCurve, eer: report.roc.equalErrorRate,
                far: far, tarAtFAR: report.roc.trueAcceptRate(atFalseAcceptRate: far))
            if try output.resolved(among: [.text, .json], standard: .text) == .json {
                print(try jsonString(summary))
            } else {
                let f = EvaluateCommand.format
                let meanThreshold = summary.thresholds.reduce(0, +) / Float(max(summary.thresholds.count, 1))
                print("pairs: \(summary.pairs) (\(summary.matched) matched, \(summary.pairs - summary.matched) mismatched)")
                print("failed pairs (no face or unreadable image, called different): \(summary.failedPairs)")
                print("images with several faces: \(summary.imagesWithSeveralFaces) (each described by its \(summary.face) face)")
                print("accuracy: \(f(summary.accuracy)) ± \(f(summary.accuracyStandardDeviation)) "
                      + "(\(summary.foldAccuracies.count)-fold, mean threshold \(String(format: "%.3f", meanThreshold)))")
                print("AUC: \(f(summary.auc))")
                print("EER: \(f(summary.eer))")
                print("TAR @ FAR \(far): \(f(summary.tarAtFAR))")
            }
            if !scan.unreadable.isEmpty { throw ExitCode.failure }
        }
    }

    /// No sooner written than read back by a spreadsheet or a notebook: one row per pair, in
    /// the pairs file's order; a pair with a missing face has distance `inf`.
    fileprivate static func writeDistances(_ report: VerificationReport, to path: String) throws {
        var text = "first,second,same,fold,distance\n"
        for (pair, distance) in zip(report.pairs, report.distances) {
            text += "\(csvField(pair.first)),\(csvField(pair.second)),\(pair.same ? 1 : 0),\(pair.fold),"
                + (distance.isFinite ? "\(distance)" : "inf") + "\n"
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            printError("\(path): cannot be written (\(error.localizedDescription))")
            throw ExitCode.failure
        }
    }

    enum PairsFormat: String, ExpressibleByArgument, CaseIterable {
        case lfw, csv
    }

    struct PairsSummary: Codable {
        var pairs: Int
        var matched: Int
        var failedPairs: Int
        var imagesWithoutFace: Int
        var imagesWithSeveralFaces: Int
        /// The --face rule that picked each image's face.
        var face: String
        var unreadableImages: [String]
        var accuracy: Double
        var accuracyStandardDeviation: Double
        var foldAccuracies: [Double]
        var thresholds: [Float]
        var auc: Double
        var eer: Double
        var far: Double
        var tarAtFAR: Double
    }
}

extension EvaluateCommand {
    /// `footfall evaluate identification`: leave-one-out nearest-neighbour identification.
    struct Identification: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "identification",
            abstract: "Leave-one-out identification accuracy on a folder of person folders.",
            discussion: """
                Each image's person is the name of the folder it sits in, so FOLDER/NAME/*.jpg \
                (celeb5/train), FOLDER/sK/N.pgm (ORL) and FOLDER/{train,val}/NAME/* all work; \
                images are searched recursively. Each face is named after its nearest other face \
                (Euclidean distance between descriptors). An image without a face counts as an \
                error, never dropped; unreadable images are reported and skipped, and make the \
                exit status 1.

                --format: text (default) or json.

                Examples:
                  footfall evaluate identification ../shared/data/identities/orl
                  footfall evaluate identification ../shared/data/identities/celeb5 --format json
                """)

        @Argument(help: "A folder whose subfolders are people.")
        var folder: String

        @OptionGroup var choice: FaceChoiceOptions

        @OptionGroup var augmentation: AugmentationOptions

        @OptionGroup var parallel: ParallelOptions

        @OptionGroup var embedding: EmbedderChoice

        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try output.resolved(among: [.text, .json], standard: .text)
        }

        func run() async throws {
            let paths = ImageFiles.find(at: folder)
            guard paths.count >= 2, paths != [folder] else {
                printError("\(folder): expected a folder of person folders holding images")
                throw ExitCode.failure
            }
            let scan = try await EvaluateCommand.describe(paths, choice: choice, augmentation: augmentation, parallel: parallel, embedding: embedding)
            let unreadable = Set(scan.unreadable)
            let samples = paths.filter { !unreadable.contains($0) }.map {
                LeaveOneOutIdentification.Sample(label: (($0 as NSString).deletingLastPathComponent as NSString).lastPathComponent,
                                                 path: $0, descriptor: scan.descriptors[$0])
            }
            let result = LeaveOneOutIdentification(samples: samples)
            let errors = zip(result.samples, result.predictions).filter { $0.0.label != $0.1 }
                .map { IdentificationError(file: $0.0.path, person: $0.0.label, predicted: $0.1) }
            let summary = IdentificationSummary(
                images: samples.count, people: Set(samples.map(\.label)).count, correct: result.correct,
                accuracy: result.accuracy, withoutFace: result.withoutFace.count, unreadableImages: scan.unreadable, errors: errors)
            if try output.resolved(among: [.text, .json], standard: .text) == .json {
                print(try jsonString(summary))
            } else {
                print("images: \(summary.images) of \(summary.people) people")
                print("without a face (counted as errors): \(summary.withoutFace)")
                print("leave-one-out accuracy: \(EvaluateCommand.format(summary.accuracy)) (\(summary.correct) of \(summary.images))")
            }
            if !scan.unreadable.isEmpty { throw ExitCode.failure }
        }
    }

    struct IdentificationError: Codable {
        var file: String
        var person: String
        /// nil when the image had no face.
        var predicted: String?
    }

    struct IdentificationSummary: Codable {
        var images: Int
        var people: Int
        var correct: Int
        var accuracy: Double
        var withoutFace: Int
        var unreadableImages: [String]
        var errors: [IdentificationError]
    }
}
