import ArgumentParser
import AsyncHTTPClient
import Faces
import FootfallCore
import FootfallServer
import Foundation
import Hummingbird
import Imaging
import Logging

extension BenchCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recognition requests per second through the HTTP API, and their latency.",
            discussion: """
                Starts the service in this process on loopback, on a throw-away data folder \
                with --members members (3 seeded random samples each), and sends it \
                CompreFace-style recognition requests (POST /api/v1/recognition/recognize, a \
                640×480 JPEG with one face) from a client in the same process. First \
                --concurrency requests at a time for --seconds: the throughput. Then a steady \
                --rate (default: 70% of that throughput) for --seconds: p50 and p99 latency, \
                measured from when each request was due, so a slow server cannot hide its \
                queue. The peer in the same run is the same work called directly, without HTTP. \
                Errors are counted and must be 0. Memory is this process's resident set \
                (server and client) before and after.
                """)

        @Option(help: "Members enrolled before the load.")
        var members = 10_000

        @Option(help: "Seconds of each phase.")
        var seconds = 10.0

        @Option(help: "Requests in flight in the throughput phase.")
        var concurrency = 4

        @Option(help: "Requests per second in the latency phase (default: 70% of the measured throughput).")
        var rate: Double?

        @Option(help: "The photo to send (made 640×480); default samples/obama-480p.jpg.")
        var photo = "samples/obama-480p.jpg"

        @Option(help: "The loopback port to serve on.")
        var port = 18_080

        func validate() throws {
            guard members >= 0, seconds > 0, concurrency >= 1, rate.map({ $0 > 0 }) ?? true else {
                throw ValidationError("--members ≥ 0, --seconds > 0, --concurrency ≥ 1 and --rate > 0, please")
            }
        }

        func run() async throws {
            let jpeg = try Data(Image(contentsOf: photo).resized(width: 640, height: 480).jpegData(quality: 90))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-bench-serve-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try await StoreLocation(data: folder.path, database: nil).open()
            let (site, _) = try await SiteDefaults.ensure(in: store, by: "bench")
            let pipeline = try FacePipeline()
            try await enrolSyntheticMembers(into: store, embedding: pipeline.embedder.signature)
            let secret = APIKeySecret()
            try await store.save(try APIKey(name: "bench", role: .recognition, secretHash: secret.hash), by: "bench")

            let service = try await FootfallService(store: store, site: site, pipeline: pipeline)
            var logger = Logger(label: "footfall-bench")
            // The bench ends the server by cancelling it, which it logs as errors; real failures
            // are the client's to count.
            logger.logLevel = .critical
            let app = try buildApplication(service: service, options: ServerOptions(host: "127.0.0.1", port: port), logger: logger)
            let server = Task { try await app.runService() }
            defer { server.cancel() }
            let client = Client(url: "http://127.0.0.1:\(port)/api/v1/recognition/recognize", key: secret.text, jpeg: jpeg)
            try await client.waitUntilServing()
            _ = try await client.send()   // warm-up: the first request loads nothing more, but pages in the networks
            let before = try ResidentMemory.now()
            print("gallery: \(await service.gallery.current.members.count) members, \(await service.gallery.current.referenceCount) samples")
            print(String(format: "memory before the load: %.0f MB resident", before.megabytes(\.current)))

            let closed = try await client.closedLoop(concurrency: concurrency, seconds: seconds)
            let throughput = Double(closed.latencies.count) / seconds
            print(String(format: "throughput, %d in flight: %.1f requests/s (p50 %.1f ms, p99 %.1f ms), %d errors",
                         concurrency, throughput, closed.percentile(0.5) * 1000, closed.percentile(0.99) * 1000, closed.errors))
            let direct = try await directThroughput(service: service, jpeg: jpeg)
            print(String(format: "the same work without HTTP (decode, detect, describe, recognise; %d at a time): %.1f/s; HTTP keeps %.0f%%",
                         concurrency, direct, throughput / direct * 100))
            let steady = rate ?? (throughput * 0.7)
            let open = try await client.openLoop(rate: steady, seconds: seconds)
            print(String(format: "steady %.1f requests/s: p50 %.1f ms, p99 %.1f ms, %d of %d errors",
                         steady, open.percentile(0.5) * 1000, open.percentile(0.99) * 1000, open.errors, open.latencies.count + open.errors))
            let after = try ResidentMemory.now()
            print(String(format: "memory after: %.0f MB resident (peak %.0f MB)", after.megabytes(\.current), after.megabytes(\.peak)))
            try await store.close()
            if closed.errors + open.errors > 0 { throw ExitCode.failure }
        }

        /// The peer: what the server does per request, called directly on the same pool.
        private func directThroughput(service: FootfallService, jpeg: Data) async throws -> Double {
            let end = ContinuousClock.now + .seconds(seconds)
            let done = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var count = 0
                        while ContinuousClock.now < end {
                            let faces = try await service.pool.run {
                                try service.pipeline.describeFaces(in: Image(data: jpeg, name: "bench"))
                            }
                            let gallery = await service.gallery.current
                            for face in faces { _ = gallery.nearestMembers(to: face.descriptor, count: 1) }
                            count += 1
                        }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            return Double(done) / seconds
        }

        private func enrolSyntheticMembers(into store: any Store, embedding: EmbeddingSignature) async throws {
            var generator = SeededGenerator(seed: 2026)
            let quality = SampleQuality(faceWidth: 120, sharpness: 300, yaw: 0, confidence: 0.99)
            for index in 0..<members {
                let member = try Member(name: "member \(index)")
                let samples = (0..<3).map { _ in
                    FaceSample(memberID: member.id,
                               descriptor: FaceDescriptor((0..<embedding.dimension).map { _ in Float.random(in: -0.3...0.3, using: &generator) }),
                               embedding: embedding.model, quality: quality, source: .photo)
                }
                try await store.enrol(member, samples: samples, by: "bench")
            }
        }
    }
}

/// The load's client: one HTTP client, latencies in seconds.
private struct Client {
    let url: String
    let key: String
    let jpeg: Data

    struct Outcome {
        var latencies = [Double]()
        var errors = 0

        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let sorted = latencies.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
        }
    }

    func send() async throws -> Bool {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "x-api-key", value: key)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: "{\"file\": \"\(jpeg.base64EncodedString())\"}"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status == .ok
    }

    func waitUntilServing() async throws {
        for _ in 0..<100 {
            if (try? await send()) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not start on \(url)")
    }

    func closedLoop(concurrency: Int, seconds: Double) async throws -> Outcome {
        let end = ContinuousClock.now + .seconds(seconds)
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var outcome = Outcome()
                    while ContinuousClock.now < end {
                        let started = ContinuousClock.now
                        let ok = (try? await send()) ?? false
                        if ok { outcome.latencies.append((ContinuousClock.now - started).seconds) } else { outcome.errors += 1 }
                    }
                    return outcome
                }
            }
            var total = Outcome()
            for try await outcome in group {
                total.latencies += outcome.latencies
                total.errors += outcome.errors
            }
            return total
        }
    }

    /// Requests due every 1/rate seconds, each sent when due whatever the others are doing.
    func openLoop(rate: Double, seconds: Double) async throws -> Outcome {
        let start = ContinuousClock.now, count = Int(rate * seconds)
        return try await withThrowingTaskGroup(of: Double?.self) { group in
            for index in 0..<count {
                let due = start + .seconds(Double(index) / rate)
                try await Task.sleep(until: due)
                group.addTask {
                    let ok = (try? await send()) ?? false
                    return ok ? (ContinuousClock.now - due).seconds : nil
                }
            }
            var outcome = Outcome()
            for try await latency in group {
                if let latency { outcome.latencies.append(latency) } else { outcome.errors += 1 }
            }
            return outcome
        }
    }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
