/// The size of one sample's activation: channels × height × width.
public struct PlaneStack: Sendable, Equatable {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }
}

/// Adds two channel-major batches whose sizes may differ (dlib's `add_prev`), optionally
/// followed by ReLU.
///
/// The output takes the larger size in every dimension; each input is aligned at channel 0,
/// row 0, column 0 and counts as zero where it is smaller. `output` has the size `outputShape`,
/// which must be the element-wise maximum of the two input sizes.
public func addZeroExtended(
    _ a: UnsafePointer<Float>, _ aShape: PlaneStack, _ b: UnsafePointer<Float>, _ bShape: PlaneStack,
    batch: Int, relu: Bool, into output: UnsafeMutablePointer<Float>, _ outputShape: PlaneStack
) {
    if aShape == bShape {
        let count = batch &* aShape.channels &* aShape.height &* aShape.width
        if relu {
            for i in 0..<count { output[i] = max(a[i] + b[i], 0) }
        } else {
            for i in 0..<count { output[i] = a[i] + b[i] }
        }
        return
    }
    let outputArea = outputShape.height &* outputShape.width
    output.update(repeating: 0, count: batch &* outputShape.channels &* outputArea)
    for (source, shape) in [(a, aShape), (b, bShape)] {
        let area = shape.height &* shape.width
        for channel in 0..<shape.channels {
            for sample in 0..<batch {
                let from = source + (channel &* batch &+ sample) &* area
                let to = output + (channel &* batch &+ sample) &* outputArea
                for y in 0..<shape.height {
                    let fromRow = from + y &* shape.width, toRow = to + y &* outputShape.width
                    for x in 0..<shape.width { toRow[x] += fromRow[x] }
                }
            }
        }
    }
    if relu {
        reluInPlace(UnsafeMutableBufferPointer(start: output, count: batch &* outputShape.channels &* outputArea))
    }
}
