import ArgumentParser
import Faces
import FootfallCore
import Foundation

extension BenchCommand {
    struct Gallery: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time to recognise one face among many members, and the gallery's memory.",
            discussion: """
                Builds the door's in-memory gallery (MemberGallery) of --members members with \
                --samples descriptors each (seeded random 128-d descriptors: the search reads \
                every one whatever the values) and times recognising one face, on one thread. \
                The peer in the same run is the library's FaceGallery (a dictionary of people, as \
                identify uses), on the same descriptors.
                """)

        @Option(help: "Members in the gallery.")
        var members = 100_000

        @Option(help: "Descriptors per member.")
        var samples = 3

        @Option(help: "Seconds to spend on each measurement.")
        var seconds = 3.0

        func validate() throws {
            guard members >= 1, samples >= 1 else { throw ValidationError("--members and --samples must be 1 or more") }
        }

        func run() throws {
            let before = try ResidentMemory.now()
            var generator = SeededGenerator(seed: 2026)
            let people = try (0..<members).map { try Member(name: "member \($0)") }
            var gallerySamples = [GallerySample]()
            gallerySamples.reserveCapacity(members * samples)
            for member in people {
                for _ in 0..<samples {
                    gallerySamples.append(GallerySample(sampleID: UUID(), member: member,
                                                        descriptor: FaceDescriptor((0..<128).map { _ in Float.random(in: -0.3...0.3, using: &generator) })))
                }
            }
            let built = Date()
            let gallery = try MemberGallery(samples: gallerySamples, embedding: EmbeddingSignature.dlibResNet.model, threshold: 0.6)
            let buildSeconds = Date().timeIntervalSince(built)
            let after = try ResidentMemory.now()
            let queries = (0..<16).map { _ in FaceDescriptor((0..<128).map { _ in Float.random(in: -0.3...0.3, using: &generator) }) }
            var next = 0
            let seconds = medianSeconds(budget: self.seconds) {
                _ = gallery.recognise(queries[next % queries.count])
                next += 1
            }
            print("gallery: \(members) members × \(samples) samples = \(gallery.referenceCount) descriptors")
            print(String(format: "built in %.2f s; descriptors %.1f MB; resident memory +%.1f MB (samples and gallery)",
                         buildSeconds, Double(gallery.referenceBytes) / 1_048_576,
                         after.megabytes(\.current) - before.megabytes(\.current)))
            print(String(format: "MemberGallery.recognise: %.3f ms per face (one thread)", seconds * 1000))

            var byName = [String: [FaceDescriptor]]()
            for sample in gallerySamples { byName[sample.member.id.uuidString, default: []].append(sample.descriptor) }
            let peer = FaceGallery(people: byName)
            let peerSeconds = medianSeconds(budget: self.seconds) {
                _ = peer.bestMatch(for: queries[next % queries.count])
                next += 1
            }
            print(String(format: "FaceGallery.bestMatch (peer): %.3f ms per face; MemberGallery is %.1f× faster",
                         peerSeconds * 1000, peerSeconds / seconds))
        }
    }
}
