/// `y = a − b` over `count` values; `y` may be either input.
public func subtract(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
    for i in 0..<count { y[i] = a[i] - b[i] }
}
