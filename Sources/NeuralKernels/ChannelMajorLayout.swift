/// The kernels in this module work on activations stored **channel-major across the batch**:
/// `[channel][sample][row][column]`, so the plane of channel `c` of sample `b` starts at
/// `(c * batch + b) * height * width`.
///
/// With that layout every channel of the whole batch is one contiguous run, so a convolution of
/// a batch is a single matrix product (`weights × columns`, the columns of all samples side by
/// side) and per-channel work (scale, shift, bias) runs over one long vector. Public tensors are
/// NCHW (`[sample][channel][row][column]`); ``swapOuterAxes(_:_:outer:inner:area:)`` converts
/// between the two at the edges of a network. For a batch of one both layouts are the same bytes.

/// Copies `source`, seen as `[outer][inner][area]`, into `destination` as `[inner][outer][area]`.
///
/// NCHW → channel-major is `outer = batch, inner = channels`; the way back swaps the two counts.
@inlinable
public func swapOuterAxes(
    _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
    outer: Int, inner: Int, area: Int
) {
    for o in 0..<outer {
        for i in 0..<inner {
            let from = source + (o &* inner &+ i) &* area
            let to = destination + (i &* outer &+ o) &* area
            to.update(from: from, count: area)
        }
    }
}
