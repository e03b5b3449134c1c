/// Enlarges every plane `factor` times in both directions by repeating each value into a
/// `factor × factor` block: nearest-neighbour resizing by a whole factor.
public func upsampleNearest(
    _ input: UnsafePointer<Float>, planes: Int, height: Int, width: Int, factor: Int,
    into output: UnsafeMutablePointer<Float>
) {
    let outputWidth = width &* factor
    for plane in 0..<planes {
        let source = input + plane &* height &* width
        let destination = output + plane &* height &* factor &* outputWidth
        for y in 0..<height {
            let line = source + y &* width
            let first = destination + y &* factor &* outputWidth
            for x in 0..<outputWidth { first[x] = line[x / factor] }
            for repeat_ in 1..<factor {
                (first + repeat_ &* outputWidth).update(from: first, count: outputWidth)
            }
        }
    }
}
