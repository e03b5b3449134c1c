import CBLAS

/// A fully connected layer on a batch laid out `[input][sample]` (one sample per column):
/// `output[o][s] = bias[o] + Σᵢ weights[o][i] · input[i][s]`, with `weights` stored
/// `outputs × inputs` row-major and `output` laid out `[output][sample]`.
public func fullyConnected(
    _ input: UnsafePointer<Float>, batch: Int, inputs: Int, outputs: Int,
    weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?, into output: UnsafeMutablePointer<Float>
) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                blasint(outputs), blasint(batch), blasint(inputs),
                1, weights, blasint(inputs), input, blasint(batch),
                0, output, blasint(batch))
    guard let bias else { return }
    for o in 0..<outputs {
        let row = output + o &* batch
        for s in 0..<batch { row[s] += bias[o] }
    }
}

/// Rearranges a channel-major batch (`[channel][sample][area]`) into one column per sample
/// (`[channel · area + position][sample]`), the order a fully connected layer flattens a sample in.
public func samplesAsColumns(
    _ input: UnsafePointer<Float>, channels: Int, batch: Int, area: Int, into output: UnsafeMutablePointer<Float>
) {
    for channel in 0..<channels {
        for sample in 0..<batch {
            let from = input + (channel &* batch &+ sample) &* area
            let to = output + (channel &* area &* batch &+ sample)
            for i in 0..<area { to[i &* batch] = from[i] }
        }
    }
}
