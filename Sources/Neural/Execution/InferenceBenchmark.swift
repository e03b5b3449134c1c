import Foundation

/// Timings of repeated runs of a network on one batch, for `footfall bench` and tuning.
///
/// Runs the batch once to warm up, then again until `duration` seconds have passed (at least
/// three runs), and reports the median and the fastest run: on a shared machine the median says
/// what to expect, the fastest what the code can do.
public struct InferenceBenchmark: Sendable, CustomStringConvertible {
    public let batch: Int
    public let threads: Int
    public let runs: Int
    /// Median wall-clock seconds per run of the whole batch.
    public let medianSeconds: Double
    public let fastestSeconds: Double
    /// Floating-point operations per sample (see ``Graph/operationCount(for:)``).
    public let operationsPerSample: Int

    public init(network: Network, input: Tensor, threads: Int = 1, duration: Double = 3) throws {
        let operations = try network.graph.operationCount(for: input.shape.sample)
        _ = try network.run(input, threads: threads)
        var times: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        repeat {
            let before = DispatchTime.now().uptimeNanoseconds
            _ = try network.run(input, threads: threads)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - before) / 1e9)
        } while times.count < 3 || Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < duration
        times.sort()
        batch = input.shape.batch
        self.threads = threads
        runs = times.count
        medianSeconds = times[times.count / 2]
        fastestSeconds = times[0]
        operationsPerSample = operations
    }

    /// Median milliseconds per sample.
    public var millisecondsPerSample: Double { medianSeconds / Double(batch) * 1000 }
    public var samplesPerSecond: Double { Double(batch) / medianSeconds }
    /// Sustained GFLOP/s over the median run.
    public var gigaflops: Double { Double(operationsPerSample * batch) / medianSeconds / 1e9 }

    public var description: String {
        "batch \(batch), \(threads) thread\(threads == 1 ? "" : "s"): "
            + String(format: "%.2f ms per sample (fastest %.2f), %.1f samples/s, %.1f GFLOP/s over %d runs",
                     millisecondsPerSample, fastestSeconds / Double(batch) * 1000, samplesPerSecond, gigaflops, runs)
    }
}
