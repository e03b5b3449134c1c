/// Parametric ReLU per channel of a channel-major batch: `y = x` where `x ≥ 0`, else `slope · x`,
/// with one slope per channel. Each channel is one run of `run` values (batch × height × width).
/// `input` and `output` may be the same buffer.
///
/// Sixteen lanes at a time with a select (`replacing(with:where:)`): a branchy scalar loop is
/// about four times slower (PERF-NOTES).
public func preluPerChannel(
    _ input: UnsafePointer<Float>, channels: Int, run: Int,
    slopes: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>
) {
    for channel in 0..<channels {
        let source = UnsafeRawPointer(input + channel &* run)
        let destination = UnsafeMutableRawPointer(output + channel &* run)
        let slope = slopes[channel]
        var i = 0
        while i &+ 16 <= run {
            let x = source.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
            destination.storeBytes(of: x.replacing(with: x * slope, where: x .< 0), toByteOffset: i &* 4,
                                   as: SIMD16<Float>.self)
            i &+= 16
        }
        while i < run {
            let x = source.load(fromByteOffset: i &* 4, as: Float.self)
            destination.storeBytes(of: x < 0 ? x * slope : x, toByteOffset: i &* 4, as: Float.self)
            i &+= 1
        }
    }
}
