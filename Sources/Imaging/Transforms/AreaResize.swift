extension Image {
    /// A `width × height` copy by OpenCV's `INTER_AREA` resampling, the resize that the MTCNN
    /// ports use for their image pyramids.
    ///
    /// When shrinking, each output pixel is the average of the source area it covers, partial
    /// pixels at its edges weighted by the fraction covered; this is the anti-aliased way to
    /// shrink by any factor. Results agree with `cv2.resize(..., interpolation=cv2.INTER_AREA)`
    /// byte for byte when shrinking; see ``AreaResampler`` for the details and for enlarging.
    /// Resizing an empty image gives a black one of the requested size.
    public func areaResized(width newWidth: Int, height newHeight: Int) -> Image {
        var resampler = AreaResampler()
        return resampler.resize(self, width: newWidth, height: newHeight)
    }
}

/// OpenCV's `INTER_AREA` resampling, with its tables kept between calls so that resampling many
/// small patches allocates nothing after the first.
///
/// How OpenCV (`modules/imgproc/src/resize.cpp`) defines it, and so how this type computes it:
///
/// - **Shrinking on both axes** (`source / output ≥ 1` for width and height): along each axis
///   output index `d` covers the source interval `[d·s, (d+1)·s)` with `s = source / output`.
///   Every source pixel inside it has weight `1/s`; the pixels cut at either end have the covered
///   fraction over `s` (fractions under 0.001 are dropped). The weights are applied along x, then
///   along y, in `Float` and in OpenCV's order of summation, so sums round the same way.
///   When both ratios are whole numbers OpenCV averages each block with integers instead, and
///   rounds 2×2 blocks half up: so does ``resize(_:width:height:)``.
/// - **Enlarging on either axis**: OpenCV falls back to a bilinear blend whose weights follow
///   from the area rule: output `d` reads source `i = ⌊d·s⌋` and `i + 1` with weight
///   `f = (d + 1) − (i + 1)/s` taken modulo 1 (and 0 when negative), for both axes. OpenCV blends
///   8-bit images in 11-bit fixed point; this type blends in `Float`, so enlarged 8-bit results
///   can differ from OpenCV's by one level where a value lies close to a rounding boundary.
/// - 8-bit results round to nearest, ties to even, as OpenCV's `saturate_cast` does.
public struct AreaResampler: Sendable {
    /// The taps of one axis, grouped by output index: output `d` sums `sources[k]` times
    /// `weights[k]` for `k` in `starts[d] ..< starts[d + 1]`, in that order.
    private struct Axis {
        var starts: [Int] = [0]
        var sources: [Int] = []
        var weights: [Float] = []
        /// Added to every source index; indices outside `0 ..< limit` are left out.
        var origin = 0
        var limit = 0

        mutating func reset(origin: Int, limit: Int) {
            starts.removeAll(keepingCapacity: true)
            starts.append(0)
            sources.removeAll(keepingCapacity: true)
            weights.removeAll(keepingCapacity: true)
            self.origin = origin
            self.limit = limit
        }

        /// Adds a tap to the current output index. One outside the image is left out: it would add
        /// `0 · weight`, which leaves the sum unchanged.
        mutating func add(_ source: Int, _ weight: Float) {
            let index = source + origin
            guard index >= 0 && index < limit else { return }
            sources.append(index)
            weights.append(weight)
        }

        /// Closes the current output index.
        mutating func next() { starts.append(sources.count) }
    }

    private var columns = Axis()
    private var rows = Axis()
    /// Source rows resampled along x (``rowsPerPass`` of them), and the output row being summed.
    private var rowBuffer: [Float] = []
    private var rowSum: [Float] = []

    public init() {}

    /// `image` resampled to `width × height`, rounded to 8 bits: see ``Image/areaResized(width:height:)``.
    public mutating func resize(_ image: Image, width: Int, height: Int) -> Image {
        precondition(width >= 0 && height >= 0, "cannot resize to \(width)×\(height)")
        guard !image.isEmpty, width > 0, height > 0 else {
            return Image(width: width, height: height, channels: image.channels)
        }
        if width == image.width && height == image.height { return image }
        let rowLength = width * image.channels
        let pixels = [UInt8](unsafeUninitializedCapacity: rowLength * height) { out, initialized in
            if let block = Self.wholeBlock(from: (image.width, image.height), to: (width, height)) {
                Self.averageBlocks(of: image, block: block, into: out, width: width, height: height)
            } else {
                plan(source: (image.width, image.height), output: (width, height), origin: (0, 0),
                     limit: (image.width, image.height))
                resample(image, outputWidth: width, outputHeight: height) { j, sums in
                    let start = j &* rowLength
                    for k in 0..<rowLength {
                        out[start &+ k] = UInt8(min(max(sums[k].rounded(.toNearestOrEven), 0), 255))
                    }
                }
            }
            initialized = rowLength * height
        }
        return Image(width: width, height: height, channels: image.channels, pixels: pixels)
    }

    /// Resamples the `width × height` rectangle whose top-left pixel is `(x, y)` to
    /// `outputWidth × outputHeight` and writes the unrounded values as floats.
    ///
    /// The rectangle may reach past the image: what lies outside reads as zero, exactly as if the
    /// rectangle had first been copied onto a black canvas of its size (the MTCNN ports cut their
    /// face patches that way) and that canvas had been resized. Channel `c` of output column `i`,
    /// row `j` goes to `output[j · rowStride + i · columnStride + c]`, so a caller can lay out
    /// rows or columns first, or write into one slot of a larger batch.
    public mutating func resample(_ image: Image, x: Int, y: Int, width: Int, height: Int,
                                  toWidth outputWidth: Int, height outputHeight: Int,
                                  into output: UnsafeMutableBufferPointer<Float>,
                                  rowStride: Int, columnStride: Int) {
        precondition(width > 0 && height > 0 && outputWidth > 0 && outputHeight > 0,
                     "cannot resample \(width)×\(height) to \(outputWidth)×\(outputHeight)")
        let channels = image.channels
        precondition((outputHeight - 1) * rowStride + (outputWidth - 1) * columnStride + channels <= output.count,
                     "output buffer too small for \(outputWidth)×\(outputHeight)×\(channels)")
        plan(source: (width, height), output: (outputWidth, outputHeight), origin: (x, y),
             limit: (image.width, image.height))
        resample(image, outputWidth: outputWidth, outputHeight: outputHeight) { j, sums in
            for i in 0..<outputWidth {
                let start = j &* rowStride &+ i &* columnStride
                for c in 0..<channels { output[start &+ c] = sums[i &* channels &+ c] }
            }
        }
    }

    // MARK: - Tables

    /// Fills both axes for resampling a `source`-sized rectangle at `origin` to `output`,
    /// keeping only taps that read inside `0 ..< limit`.
    private mutating func plan(source: (Int, Int), output: (Int, Int), origin: (Int, Int), limit: (Int, Int)) {
        // OpenCV computes the ratio as 1 / (output / source), in double precision.
        let inverse = (Double(output.0) / Double(source.0), Double(output.1) / Double(source.1))
        let scale = (1 / inverse.0, 1 / inverse.1)
        let shrinking = scale.0 >= 1 && scale.1 >= 1
        columns.reset(origin: origin.0, limit: limit.0)
        rows.reset(origin: origin.1, limit: limit.1)
        if shrinking {
            Self.addAreaTaps(source: source.0, output: output.0, scale: scale.0, to: &columns)
            Self.addAreaTaps(source: source.1, output: output.1, scale: scale.1, to: &rows)
        } else {
            Self.addBlendTaps(source: source.0, output: output.0, scale: scale.0, inverse: inverse.0, to: &columns)
            Self.addBlendTaps(source: source.1, output: output.1, scale: scale.1, inverse: inverse.1, to: &rows)
        }
    }

    /// OpenCV's `computeResizeAreaTab`: the covered pixels of each output cell and their weights.
    private static func addAreaTaps(source: Int, output: Int, scale: Double, to axis: inout Axis) {
        for d in 0..<output {
            let start = Double(d) * scale, end = start + scale
            let cellWidth = min(scale, Double(source) - start)
            let last = min(Int(end.rounded(.down)), source - 1)
            let first = min(Int(start.rounded(.up)), last)
            if Double(first) - start > 1e-3 {
                axis.add(first - 1, Float((Double(first) - start) / cellWidth))
            }
            for s in first..<last {
                axis.add(s, Float(1 / cellWidth))
            }
            if end - Double(last) > 1e-3 {
                axis.add(last, Float(min(min(end - Double(last), 1), cellWidth) / cellWidth))
            }
            axis.next()
        }
    }

    /// The bilinear blend OpenCV uses for `INTER_AREA` when enlarging: two taps per output
    /// index, or one at the far edge where the second would fall outside the source.
    private static func addBlendTaps(source: Int, output: Int, scale: Double, inverse: Double, to axis: inout Axis) {
        for d in 0..<output {
            var i = Int((Double(d) * scale).rounded(.down))
            var f = Float(Double(d + 1) - Double(i + 1) * inverse)
            f = f <= 0 ? 0 : f - f.rounded(.down)
            if i >= source - 1 {
                i = source - 1
                f = 0
            }
            axis.add(i, 1 - f)
            if i + 1 < source {
                axis.add(i + 1, f)
            }
            axis.next()
        }
    }

    // MARK: - Resampling

    /// Source rows resampled along x together: four independent running sums keep the
    /// processor busy where one would wait on each addition.
    private static let rowsPerPass = 4

    /// Runs both passes over the planned taps and hands each finished output row, as
    /// `outputWidth × channels` sums, to `store`. Rows and columns without taps are zero.
    private mutating func resample(_ image: Image, outputWidth: Int, outputHeight: Int,
                                   store: (_ row: Int, _ sums: UnsafeMutableBufferPointer<Float>) -> Void) {
        let channels = image.channels
        let rowLength = outputWidth * channels
        if rowBuffer.count < Self.rowsPerPass * rowLength {
            rowBuffer = [Float](repeating: 0, count: Self.rowsPerPass * rowLength)
        }
        if rowSum.count < rowLength {
            rowSum = [Float](repeating: 0, count: rowLength)
        }
        let columns = columns, rows = rows
        image.pixels.withUnsafeBufferPointer { pixels in
            rowBuffer.withUnsafeMutableBufferPointer { buffer in
                rowSum.withUnsafeMutableBufferPointer { sum in
                    let sum = UnsafeMutableBufferPointer(rebasing: sum[0..<rowLength])
                    // Output rows read source rows in increasing order, so the block of rows
                    // resampled last holds the next ones needed.
                    var block = -Self.rowsPerPass
                    for j in 0..<outputHeight {
                        for k in 0..<rowLength { sum[k] = 0 }
                        for tap in rows.starts[j]..<rows.starts[j &+ 1] {
                            let row = rows.sources[tap]
                            if row < block || row >= block &+ Self.rowsPerPass {
                                Self.horizontalPass(pixels, image: image, firstRow: row, columns: columns,
                                                    into: buffer, rowLength: rowLength)
                                block = row
                            }
                            let weight = rows.weights[tap]
                            let resampled = (row &- block) &* rowLength
                            for k in 0..<rowLength { sum[k] += weight * buffer[resampled &+ k] }
                        }
                        store(j, sum)
                    }
                }
            }
        }
    }

    /// Source rows `firstRow …` (four, or fewer at the bottom of the image) resampled along x
    /// into consecutive rows of `buffer`. Each output sample is summed tap by tap in OpenCV's
    /// order, so it rounds exactly as OpenCV's running sum does.
    private static func horizontalPass(_ pixels: UnsafeBufferPointer<UInt8>, image: Image, firstRow: Int,
                                       columns: Axis, into buffer: UnsafeMutableBufferPointer<Float>,
                                       rowLength: Int) {
        guard let base = pixels.baseAddress else { return }
        let channels = image.channels, stride = image.width &* channels
        // Past the last row the block repeats it: wasted work, never a read outside the image.
        let last = image.height &- 1
        let r0 = firstRow &* stride, r1 = min(firstRow &+ 1, last) &* stride
        let r2 = min(firstRow &+ 2, last) &* stride, r3 = min(firstRow &+ 3, last) &* stride
        let b1 = rowLength, b2 = 2 &* rowLength, b3 = 3 &* rowLength
        columns.starts.withUnsafeBufferPointer { starts in
            columns.sources.withUnsafeBufferPointer { sources in
                columns.weights.withUnsafeBufferPointer { weights in
                    let outputs = starts.count &- 1
                    if channels == 3 {
                        // A pixel as one 4-byte load widened to floats; the fourth lane (the next
                        // pixel's red) is never stored. The image's very last pixel has no fourth
                        // byte after it and is read byte by byte.
                        let raw = UnsafeRawPointer(base), wholeWords = pixels.count &- 3
                        @inline(__always) func rgb(_ offset: Int) -> SIMD4<Float> {
                            if offset < wholeWords {
                                return SIMD4<Float>(unsafeBitCast(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
                                                                  to: SIMD4<UInt8>.self))
                            }
                            return SIMD4(Float(pixels[offset]), Float(pixels[offset &+ 1]), Float(pixels[offset &+ 2]), 0)
                        }
                        for d in 0..<outputs {
                            var s0 = SIMD4<Float>(), s1 = SIMD4<Float>(), s2 = SIMD4<Float>(), s3 = SIMD4<Float>()
                            for tap in starts[d]..<starts[d &+ 1] {
                                let x = sources[tap] &* 3, w = weights[tap]
                                s0 = s0 + rgb(r0 &+ x) * w
                                s1 = s1 + rgb(r1 &+ x) * w
                                s2 = s2 + rgb(r2 &+ x) * w
                                s3 = s3 + rgb(r3 &+ x) * w
                            }
                            let o = 3 &* d
                            for c in 0..<3 {
                                buffer[o &+ c] = s0[c]
                                buffer[b1 &+ o &+ c] = s1[c]
                                buffer[b2 &+ o &+ c] = s2[c]
                                buffer[b3 &+ o &+ c] = s3[c]
                            }
                        }
                    } else {
                        // One channel: the four rows share one vector.
                        for d in 0..<outputs {
                            var sum = SIMD4<Float>()
                            for tap in starts[d]..<starts[d &+ 1] {
                                let x = sources[tap]
                                sum = sum + SIMD4(Float(pixels[r0 &+ x]), Float(pixels[r1 &+ x]),
                                                  Float(pixels[r2 &+ x]), Float(pixels[r3 &+ x])) * weights[tap]
                            }
                            buffer[d] = sum[0]
                            buffer[b1 &+ d] = sum[1]
                            buffer[b2 &+ d] = sum[2]
                            buffer[b3 &+ d] = sum[3]
                        }
                    }
                }
            }
        }
    }

    // MARK: - Whole-number ratios

    /// The block size when both axes shrink by whole numbers, the case OpenCV averages with
    /// integers (its test: the double-precision ratio within `DBL_EPSILON` of an integer).
    private static func wholeBlock(from source: (Int, Int), to output: (Int, Int)) -> (Int, Int)? {
        let scale = (1 / (Double(output.0) / Double(source.0)), 1 / (Double(output.1) / Double(source.1)))
        let whole = (scale.0.rounded(), scale.1.rounded())
        guard scale.0 >= 1, scale.1 >= 1,
              abs(scale.0 - whole.0) < Double.ulpOfOne, abs(scale.1 - whole.1) < Double.ulpOfOne else { return nil }
        return (Int(whole.0), Int(whole.1))
    }

    /// Each output pixel the mean of its `block`: 2×2 blocks as `(sum + 2) / 4` (half up), larger
    /// ones as `sum · (1/area)` in `Float` rounded to nearest even, as OpenCV does.
    private static func averageBlocks(of image: Image, block: (Int, Int), into out: UnsafeMutableBufferPointer<UInt8>,
                                      width: Int, height: Int) {
        let channels = image.channels
        let area = block.0 * block.1
        let reciprocal = 1 / Float(area)
        let halving = block == (2, 2)
        image.pixels.withUnsafeBufferPointer { pixels in
            var o = 0
            for j in 0..<height {
                for i in 0..<width {
                    for c in 0..<channels {
                        var sum = 0
                        for dy in 0..<block.1 {
                            let row = (j &* block.1 &+ dy) &* image.width
                            for dx in 0..<block.0 {
                                sum &+= Int(pixels[(row &+ i &* block.0 &+ dx) &* channels &+ c])
                            }
                        }
                        out[o] = halving ? UInt8((sum &+ 2) >> 2)
                            : UInt8(min((Float(sum) * reciprocal).rounded(.toNearestOrEven), 255))
                        o &+= 1
                    }
                }
            }
        }
    }
}
