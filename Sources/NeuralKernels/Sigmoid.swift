#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `y = 1 / (1 + e⁻ˣ)` from one buffer into another of the same length (or in place).
public func sigmoid(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
    for i in x.indices { y[i] = 1 / (1 + exp(-x[i])) }
}
