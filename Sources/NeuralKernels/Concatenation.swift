/// Joins channel-major batches (see `ChannelMajorLayout.swift`) of the same height and width
/// channels after channels. In that layout each input is one contiguous block of
/// `channels × batch × area` values, so the output is the blocks one after another.
///
/// `channels[k]` is the channel count of `inputs[k]`; `area` is height × width.
public func concatenateChannels(
    _ inputs: [UnsafePointer<Float>], channels: [Int], batch: Int, area: Int, into output: UnsafeMutablePointer<Float>
) {
    var destination = output
    for (input, count) in zip(inputs, channels) {
        let length = count &* batch &* area
        destination.update(from: input, count: length)
        destination += length
    }
}

/// Joins channel-major batches with the same channel count position after position: for each
/// channel of each sample, the output plane holds that plane of the first input (its `areas[0]`
/// positions), then that of the second, and so on.
public func concatenatePositions(
    _ inputs: [UnsafePointer<Float>], areas: [Int], channels: Int, batch: Int, into output: UnsafeMutablePointer<Float>
) {
    let outputArea = areas.reduce(0, &+)
    for plane in 0..<(channels &* batch) {
        var destination = output + plane &* outputArea
        for (input, area) in zip(inputs, areas) {
            destination.update(from: input + plane &* area, count: area)
            destination += area
        }
    }
}
