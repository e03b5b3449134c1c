#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `y = eˣ` from one buffer into another of the same length (or in place).
public func exponential(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
    for i in x.indices { y[i] = exp(x[i]) }
}
