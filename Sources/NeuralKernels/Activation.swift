/// In-place ReLU. A plain scalar loop: the compiler vectorises it, while
/// `SIMD.pointwiseMax` per vector is two orders of magnitude slower (PERF-NOTES).
@inlinable
public func reluInPlace(_ x: UnsafeMutableBufferPointer<Float>) {
    for i in x.indices { x[i] = max(x[i], 0) }
}

/// `y = max(x, 0)` from one buffer into another of the same length.
@inlinable
public func relu(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
    for i in x.indices { y[i] = max(x[i], 0) }
}
