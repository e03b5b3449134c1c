/// In-place ReLU. A plain scalar loop: the compiler vectorises it, while
/// `SIMD.pointwiseMax` per vector is two orders of magnitude slower (PERF-NOTES).
@inlinable
public func reluInPlace(_ x: UnsafeMutableBufferPointer<Float>) {
    for i in x.indices { x[i] = max(x[i], 0) }
}
