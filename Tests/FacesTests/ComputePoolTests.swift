import Faces
import Foundation
import Testing

@Suite struct ComputePoolTests {
    /// Results come back in input order whatever order the jobs finish in, and a failing input
    /// fails alone.
    @Test func mapKeepsOrderAndIsolatesErrors() async {
        struct Odd: Error {}
        let pool = ComputePool(threads: 3)
        let results = await pool.map(Array(0..<40)) { value -> Int in
            usleep(UInt32((40 - value) * 200))          // later inputs finish first
            if value % 7 == 3 { throw Odd() }
            return value * value
        }
        #expect(results.count == 40)
        for (value, result) in results.enumerated() {
            switch result {
            case .success(let square): #expect(value % 7 != 3 && square == value * value)
            case .failure: #expect(value % 7 == 3)
            }
        }
    }

    /// Never more jobs at once than the pool has threads, even with several callers.
    @Test func concurrencyIsBoundedByThreadCount() async {
        let pool = ComputePool(threads: 2)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    _ = await pool.map(Array(0..<10)) { _ in
                        counter.enter()
                        usleep(2000)
                        counter.leave()
                    }
                }
            }
        }
        #expect(counter.peak == 2)
    }

    /// A one-thread pool runs every job on one and the same thread, and two pools do not share
    /// threads: the work runs on threads of the pool's own.
    @Test func jobsRunOnThePoolsOwnThreads() async throws {
        let first = ComputePool(threads: 1), second = ComputePool(threads: 1)
        let threads = try await first.map(Array(0..<20)) { _ in pthread_self() }.map { try $0.get() }
        #expect(Set(threads).count == 1)
        let other = try await second.run { pthread_self() }
        #expect(pthread_equal(other, threads[0]) == 0)
    }

    @Test func progressCountsEveryInput() async {
        let seen = Counter()
        _ = await ComputePool(threads: 2).map(Array(0..<12), progress: { done, total in
            #expect(total == 12 && done >= 1 && done <= 12)
            seen.enter()
        }) { $0 }
        #expect(seen.total == 12)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var current = 0
        private(set) var peak = 0
        private(set) var total = 0

        func enter() { lock.withLock { current += 1; total += 1; peak = max(peak, current) } }
        func leave() { lock.withLock { current -= 1 } }
    }
}
