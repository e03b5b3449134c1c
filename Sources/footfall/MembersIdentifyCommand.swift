import ArgumentParser
import Faces
import FootfallCore
import Foundation

extension MembersCommand {
    struct Identify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name the members in photos, as the door would.",
            discussion: """
                Recognises every face (or each photo's subject, --face subject) against the \
                store's members with the site's threshold and enrolment strategy, and prints \
                one line per face: the photo, the member's name or unknown_person, the \
                distance, and whether the door would let them in (a suspended or expired \
                member is recognised but refused).

                --format: csv (default: path,name,distance,access) or json.
                """)

        @Argument(help: "Photos, or folders of photos.")
        var photos: [String]

        @Option(help: ArgumentHelp("Which faces: all (default), or one per photo: subject, most-confident or largest.", valueName: "rule"))
        var face: FaceSelection = .all

        @OptionGroup var store: StoreOptions

        @OptionGroup var parallel: ParallelOptions

        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try output.resolved(among: [.csv, .json], standard: .csv)
        }

        func run() async throws {
            let format = try output.resolved(among: [.csv, .json], standard: .csv)
            let files = ImageFiles.find(at: photos)
            guard !files.isEmpty else { throw ValidationError("no photos found in \(photos.joined(separator: ", "))") }
            let pipeline = try FacePipeline()
            let embedding = pipeline.embedder.signature.model
            let gallery = try await withStore(store) { store, site, _ in
                try await LiveGallery(store: store, site: site, embedding: embedding).current
            }
            if gallery.referenceCount == 0 { printError("the store has no members yet: enrol some with `footfall members add`") }
            printError(Self.describe(threshold: gallery.threshold, source: gallery.thresholdSource))
            let now = Date()
            var answers = [Answer]()
            var failed = false
            let options = DescriptionOptions(selection: face)
            for image in await pipeline.describeFaces(inFiles: files, options: options, on: parallel.pool()) {
                switch image.faces {
                case let .success(faces):
                    if faces.isEmpty { printError("\(image.path): no face found") }
                    for face in faces {
                        answers.append(Answer(path: image.path, box: face.detection.box,
                                              answer: gallery.recognise(face.descriptor), now: now))
                    }
                case let .failure(error):
                    printError("\(image.path): \(error)")
                    failed = true
                }
            }
            if format == .json {
                print(try jsonString(answers))
            } else {
                for answer in answers {
                    print([answer.path, answer.name ?? "unknown_person", answer.distance.map(formatNumber) ?? "None", answer.access]
                        .map(csvField).joined(separator: ","))
                }
            }
            if failed { throw ExitCode.failure }
        }

        static func describe(threshold: Float, source: SiteCalibration.Source?) -> String {
            let value = formatNumber(threshold)
            return switch source {
            case .site: "threshold \(value) (the site's own)"
            case let .calibrated(calibration):
                "threshold \(value) (calibrated on \(calibration.strangerFaces) member samples as strangers to the other members)"
            case .embedderDefault(calibration: .some):
                "threshold \(value) (the embedder's; calibration on the members would allow more)"
            case .embedderDefault(calibration: nil):
                "threshold \(value) (the embedder's; the site calibrates from \(SiteCalibration.probeCount) member samples on)"
            case nil: "threshold \(value)"
            }
        }

        struct Answer: Encodable {
            var path: String
            var box: Rect
            var name: String?
            var memberID: String?
            var distance: Float?
            /// `allowed`, `refused: <reason>` or `unknown`.
            var access: String

            init(path: String, box: Rect, answer: MemberGallery.Answer, now: Date) {
                self.path = path
                self.box = box
                switch answer {
                case let .member(member, distance):
                    name = member.name
                    memberID = member.id.uuidString.lowercased()
                    self.distance = distance
                    switch member.access(at: now) {
                    case .allowed: access = "allowed"
                    case let .refused(reason): access = "refused: \(reason)"
                    }
                case let .unknown(nearest):
                    distance = nearest?.distance
                    access = "unknown"
                }
            }
        }
    }
}
