/// `y = x · scale + shift` per channel of a channel-major batch: each channel is one run of
/// `run` values (batch × height × width) sharing one scale and one shift. `input` and `output`
/// may be the same buffer.
public func affinePerChannel(
    _ input: UnsafePointer<Float>, channels: Int, run: Int,
    scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>
) {
    for channel in 0..<channels {
        let source = input + channel &* run, destination = output + channel &* run
        let a = scale[channel], b = shift[channel]
        for i in 0..<run { destination[i] = source[i] * a + b }
    }
}

/// `y = x · scale + shift` with a scale and shift for every value of a sample (dlib's affine in
/// fully-connected mode): `scale` and `shift` hold `channels × area` values, shared by the batch.
public func affinePerElement(
    _ input: UnsafePointer<Float>, channels: Int, batch: Int, area: Int,
    scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>
) {
    for channel in 0..<channels {
        let a = scale + channel &* area, b = shift + channel &* area
        for sample in 0..<batch {
            let offset = (channel &* batch &+ sample) &* area
            let source = input + offset, destination = output + offset
            for i in 0..<area { destination[i] = source[i] * a[i] + b[i] }
        }
    }
}
