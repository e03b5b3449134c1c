import ArgumentParser
import Faces
import FootfallCore
import Foundation
import NeuralKernels

extension BenchCommand {
    struct Gallery: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time to recognise one face among many members, and the gallery's memory.",
            discussion: """
                Builds the door's in-memory gallery (MemberGallery) of --members members with \
                --samples descriptors each (seeded random 128-d descriptors) and times recognising one \
                face, on one thread: half the faces strangers, half members seen again. \
                The peers in the same run: one full pass over the Float32 descriptors (the search \
                before the int8 first pass), and the library's FaceGallery (a dictionary of people, \
                as identify uses), on the same descriptors.
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
            // Half strangers, half a member's sample seen again (each value moved by up to 0.05,
            // a distance of about 0.33): the door meets both, and they prune differently.
            let strangers = (0..<8).map { _ in FaceDescriptor((0..<128).map { _ in Float.random(in: -0.3...0.3, using: &generator) }) }
            let returning = (0..<8).map { _ in
                let sample = gallerySamples[Int.random(in: 0..<gallerySamples.count, using: &generator)]
                return FaceDescriptor(sample.descriptor.values.map { $0 + Float.random(in: -0.05...0.05, using: &generator) })
            }
            let queries = strangers + returning
            func timed(_ faces: [FaceDescriptor]) -> Double {
                var next = 0
                return medianSeconds(budget: self.seconds / 2) {
                    _ = gallery.recognise(faces[next % faces.count])
                    next += 1
                }
            }
            let strangerSeconds = timed(strangers), returningSeconds = timed(returning)
            let seconds = max(strangerSeconds, returningSeconds)
            print("gallery: \(members) members × \(samples) samples = \(gallery.referenceCount) descriptors")
            print(String(format: "built in %.2f s; descriptors %.1f MB (Float32 and int8 codes); resident memory +%.1f MB (samples and gallery)",
                         buildSeconds, Double(gallery.referenceBytes) / 1_048_576,
                         after.megabytes(\.current) - before.megabytes(\.current)))
            print(String(format: "MemberGallery.recognise: %.3f ms per stranger, %.3f ms per member seen again (one thread)",
                         strangerSeconds * 1000, returningSeconds * 1000))

            // The previous search: one full pass over the Float32 descriptors.
            let flat = gallerySamples.flatMap(\.descriptor.values)
            var squared = [Float](repeating: 0, count: gallerySamples.count)
            var next = 0
            let fullPassSeconds = medianSeconds(budget: self.seconds / 2) {
                let query = queries[next % queries.count].values
                next += 1
                squaredDistances(from: query, to: flat, rowCount: gallerySamples.count, dimension: 128, into: &squared)
            }
            print(String(format: "one full Float32 pass (the previous search): %.3f ms; MemberGallery is %.1f× faster",
                         fullPassSeconds * 1000, fullPassSeconds / seconds))

            var byName = [String: [FaceDescriptor]]()
            for sample in gallerySamples { byName[sample.member.id.uuidString, default: []].append(sample.descriptor) }
            let peer = FaceGallery(people: byName)
            let agreeing = queries.filter { query in
                let ours = gallery.nearestMembers(to: query, count: 1).first
                let theirs = peer.bestMatch(for: query, tolerance: .infinity)
                return ours?.member.id.uuidString == theirs?.name
            }.count
            print("the two agree on the nearest member for \(agreeing) of \(queries.count) faces")
            let peerSeconds = medianSeconds(budget: self.seconds) {
                _ = peer.bestMatch(for: queries[next % queries.count])
                next += 1
            }
            print(String(format: "FaceGallery.bestMatch (peer): %.3f ms per face; MemberGallery is %.1f× faster (slower case)",
                         peerSeconds * 1000, peerSeconds / seconds))
        }
    }
}
