import Foundation

/// Threads of its own for CPU-heavy face work, so that async code (a Hummingbird handler, a
/// camera loop) can await a detection or a descriptor without tying up Swift's cooperative
/// threads, which must stay free to serve requests and I/O.
///
///     let pool = ComputePool(threads: 2)
///     let faces = try await pool.run { try pipeline.describeFaces(in: image) }
///     let all = await pool.map(paths) { try pipeline.describeFaces(in: Image(contentsOf: $0)) }
///
/// At most ``threadCount`` jobs run at once; later jobs wait their turn in the order they came,
/// whoever submitted them, so one long batch cannot shut out a kiosk's single frame for longer
/// than the jobs already running. On few cores, parallelism across images beats splitting one
/// image over threads (see PERF-NOTES), which is why each job runs on one thread.
///
/// A job that has started runs to the end even if the task awaiting it is cancelled; ``map(_:progress:_:)``
/// starts no new jobs once its task is cancelled. The threads end when the pool is released.
public final class ComputePool: Sendable {
    /// How many jobs run at the same time.
    public let threadCount: Int
    private let jobs: JobQueue

    /// One thread per core, created on first use: the pool for callers without their own.
    public static let shared = ComputePool(threads: ProcessInfo.processInfo.activeProcessorCount)

    /// A pool of `threads` threads (at least one).
    public init(threads: Int) {
        threadCount = max(threads, 1)
        jobs = JobQueue()
        for index in 0..<threadCount {
            // Named from inside: Linux keeps 15 characters, and a name set before start is lost.
            Thread { [jobs] in
                Thread.current.name = "facework-\(index)"
                jobs.serve()
            }.start()
        }
    }

    deinit {
        jobs.close()
    }

    /// Runs `work` on one of the pool's threads and returns its result (or rethrows its error).
    public func run<Output: Sendable>(_ work: @escaping @Sendable () throws -> Output) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            jobs.submit { continuation.resume(with: Result { try work() }) }
        }
    }

    /// `work` on every input, results in the order of `inputs`; a failing input gives its error
    /// and does not stop the others.
    ///
    /// At most ``threadCount`` inputs of this call are in the pool at once, so other callers'
    /// jobs interleave with a long batch, and inputs are only touched when their turn comes
    /// (a batch of paths holds one decoded image per thread, not all of them). `progress` is
    /// called after each input with the number done and the total.
    public func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        _ work: @escaping @Sendable (Input) throws -> Output
    ) async -> [Result<Output, any Error>] {
        var results = [Result<Output, any Error>?](repeating: nil, count: inputs.count)
        await withTaskGroup(of: (Int, Result<Output, any Error>).self) { group in
            var next = 0
            func startNext() {
                guard next < inputs.count, !Task.isCancelled else { return }
                let index = next, input = inputs[index]
                next += 1
                group.addTask {
                    do { return (index, .success(try await self.run { try work(input) })) }
                    catch { return (index, .failure(error)) }
                }
            }
            for _ in 0..<threadCount { startNext() }
            var done = 0
            for await (index, result) in group {
                results[index] = result
                done += 1
                progress?(done, inputs.count)
                startNext()
            }
        }
        return results.map { $0 ?? .failure(CancellationError()) }
    }
}

/// The pool's first-come, first-served queue of jobs, shared by its threads.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    /// Jobs in order of arrival; a taken job's slot is emptied at once so that it keeps nothing
    /// alive, and the emptied front is dropped now and then.
    private var pending: [(@Sendable () -> Void)?] = []
    private var head = 0
    private var closed = false

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            pending.append(job)
            condition.signal()
        }
    }

    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// A thread's life: take the oldest job and run it, until the queue is closed and empty.
    func serve() {
        while let job = take() { job() }
    }

    private func take() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while head == pending.count && !closed { condition.wait() }
        guard head < pending.count else { return nil }
        let job = pending[head]
        pending[head] = nil
        head += 1
        if head > 64 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        return job
    }
}
