/// Copies the channels `range` of a channel-major batch: one contiguous block, since each
/// channel of the whole batch is one run of `batch × area` values.
public func selectChannels(
    _ input: UnsafePointer<Float>, range: Range<Int>, batch: Int, area: Int, into output: UnsafeMutablePointer<Float>
) {
    let plane = batch &* area
    output.update(from: input + range.lowerBound &* plane, count: range.count &* plane)
}
