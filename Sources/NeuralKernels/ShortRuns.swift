// Moving short runs of floats: image rows and padding of a few to a few dozen values, where a
// call to `memmove` or `memset` (which plain loops turn into) costs more than the work.

/// Copies a short run (an image row, tens of values) with vector moves. A plain loop would be
/// turned into a `memmove` call, which costs more than copying a few dozen values.
@inline(__always)
func copyRun(from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
    var i = 0
    while i &+ 8 <= count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self),
                      toByteOffset: i &* 4, as: SIMD8<Float>.self)
        i &+= 8
    }
    if i &+ 4 <= count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self),
                      toByteOffset: i &* 4, as: SIMD4<Float>.self)
        i &+= 4
    }
    if i < count { destination[i] = source[i] }
    if i &+ 1 < count { destination[i &+ 1] = source[i &+ 1] }
    if i &+ 2 < count { destination[i &+ 2] = source[i &+ 2] }
}

/// Zeroes a run. Most runs are the one or two padded taps at a row's end, written directly: a
/// loop would become a `memset` call per tap.
@inline(__always)
func fillZeros(_ destination: UnsafeMutablePointer<Float>, count: Int) {
    if count > 3 {
        destination.update(repeating: 0, count: count)
        return
    }
    if count > 0 { destination[0] = 0 }
    if count > 1 { destination[1] = 0 }
    if count > 2 { destination[2] = 0 }
}
