/// Regroups each sample of a channel-major batch into rows of `length` values, giving a batch
/// of `length` channels whose positions are the rows.
///
/// A sample's values are read as one sequence: channel by channel (the NCHW order), or, when
/// `positionMajor`, position by position with the channels of each position together (the NHWC
/// order). Value `f` of that sequence lands in row `f / length`, column `f % length`, that is
/// channel `f % length` at position `f / length` of the output.
public func regroupRows(
    _ input: UnsafePointer<Float>, channels: Int, area: Int, batch: Int, length: Int, positionMajor: Bool,
    into output: UnsafeMutablePointer<Float>
) {
    let rows = channels &* area / length
    for channel in 0..<channels {
        for sample in 0..<batch {
            let source = input + (channel &* batch &+ sample) &* area
            for position in 0..<area {
                let f = positionMajor ? position &* channels &+ channel : channel &* area &+ position
                let (row, column) = f.quotientAndRemainder(dividingBy: length)
                output[(column &* batch &+ sample) &* rows &+ row] = source[position]
            }
        }
    }
}
