#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax across channels at every position of a channel-major batch: for each of the `run`
/// positions (batch × height × width), `y[c] = exp(x[c] − m) / Σₖ exp(x[k] − m)` with `m` the
/// position's largest value, so no exponential overflows. `input` and `output` may be the same
/// buffer.
///
/// Channels of one position lie `run` values apart, so positions go in blocks: each pass
/// (maximum, exponentials and sum, division) then streams through every channel's run of the
/// block with unit stride.
public func softmaxAcrossChannels(
    _ input: UnsafePointer<Float>, channels: Int, run: Int, into output: UnsafeMutablePointer<Float>
) {
    let block = 256
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 &* block) { buffer in
        let largest = buffer.baseAddress!, sum = largest + block
        var start = 0
        while start < run {
            let count = min(block, run &- start)
            largest.update(from: input + start, count: count)
            for channel in 1..<max(channels, 1) {
                let x = input + (channel &* run &+ start)
                for i in 0..<count { largest[i] = x[i] > largest[i] ? x[i] : largest[i] }
            }
            sum.update(repeating: 0, count: count)
            for channel in 0..<channels {
                let x = input + (channel &* run &+ start), y = output + (channel &* run &+ start)
                for i in 0..<count {
                    let e = exp(x[i] - largest[i])
                    y[i] = e
                    sum[i] += e
                }
            }
            for i in 0..<count { sum[i] = 1 / sum[i] }
            for channel in 0..<channels {
                let y = output + (channel &* run &+ start)
                for i in 0..<count { y[i] *= sum[i] }
            }
            start &+= count
        }
    }
}
