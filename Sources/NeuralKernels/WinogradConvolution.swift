import CBLAS
import Dispatch

/// A 3×3 convolution with stride 1 and padding 1 by Winograd's minimal filtering F(2×2, 3×3)
/// (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015).
///
/// The output is cut into 2×2 tiles, each computed from a 4×4 input tile. In the transformed
/// domain a tile's convolution is an element-wise product of 16 values, and summing over input
/// channels turns it into 16 independent matrix products, one per transformed position ξ:
/// `M[ξ] (outputs × tiles) = U[ξ] (outputs × inputs) · V[ξ] (inputs × tiles)`, with
/// `U = G g Gᵀ` (filters, transformed once at load time), `V = Bᵀ d B` (input tiles) and the
/// output tile `Y = Aᵀ m A`. That is 16 multiplications per 4 outputs instead of 36: 2.25×
/// fewer, and on the face ResNet's layer shapes the 16 products ran 2.2–3.7× faster than the
/// unrolled (im2col) product of the same layer. The transforms use only additions and halvings, so
/// results differ from direct summation by float rounding only.
///
/// The input is first copied into zero-bordered planes, so the tile transform needs no bounds
/// checks. Tiles are then processed in blocks of about a hundred, so a block's V and M stay in
/// cache; threads take every `workers`-th block, or, when there is a single block, share its 16
/// products.
public struct WinogradConvolution: Sendable {
    public var batch: Int
    public var inputChannels: Int
    public var height: Int
    public var width: Int
    public var outputChannels: Int

    public init(batch: Int, inputChannels: Int, height: Int, width: Int, outputChannels: Int) {
        self.batch = batch
        self.inputChannels = inputChannels
        self.height = height
        self.width = width
        self.outputChannels = outputChannels
    }

    /// Whether a convolution can run this way: 3×3 windows, stride 1, padding 1.
    public static func accepts(_ window: SlidingWindow) -> Bool {
        window.height == 3 && window.width == 3 && window.strideY == 1 && window.strideX == 1
            && window.paddingY == 1 && window.paddingX == 1
    }

    var tileRows: Int { (height + 1) / 2 }
    var tileColumns: Int { (width + 1) / 2 }
    /// 2×2 output tiles in the whole batch.
    public var tiles: Int { batch * tileRows * tileColumns }

    /// Tiles per block: 64 to 128 measured fastest for every layer of the face ResNet.
    var blockTiles: Int { min(tiles, 96) }
    var blocks: Int { (tiles + blockTiles - 1) / blockTiles }
    /// Row stride of the V and M matrices of a block: eight spare columns, so the transforms
    /// always move whole 8-lane vectors (the lanes past a block's last tile are never used).
    var rowStride: Int { blockTiles + 8 }
    var transformedCount: Int { 16 * inputChannels * rowStride }
    var productCount: Int { 16 * outputChannels * rowStride }

    /// The input planes are copied once, with zeros around them, into planes of this size: the
    /// one-pixel padding plus room for the last group of eight tiles to read 18 columns.
    var paddedHeight: Int { 2 * tileRows + 2 }
    var paddedWidth: Int { 2 * tileColumns + 16 }
    var paddedCount: Int { inputChannels * batch * paddedHeight * paddedWidth }

    /// Floats of transformed filters for `outputChannels × inputChannels` 3×3 filters.
    public static func transformedFilterCount(inputChannels: Int, outputChannels: Int) -> Int {
        16 * inputChannels * outputChannels
    }

    /// `U[ξ][o][c] = (G g Gᵀ)[ξ]` for every filter `g` of `weights` (`outputs × inputs × 3 × 3`),
    /// with `G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]]`.
    public static func transformFilters(
        _ weights: UnsafePointer<Float>, inputChannels: Int, outputChannels: Int, into transformed: UnsafeMutablePointer<Float>
    ) {
        let stride = inputChannels * outputChannels
        for o in 0..<outputChannels {
            for c in 0..<inputChannels {
                let g = weights + (o * inputChannels + c) * 9
                // Gg: 4 rows of 3, then (Gg)Gᵀ: 4 × 4.
                var rows = [Float](repeating: 0, count: 12)
                for column in 0..<3 {
                    let (g0, g1, g2) = (g[column], g[3 + column], g[6 + column])
                    rows[column] = g0
                    rows[3 + column] = (g0 + g1 + g2) * 0.5
                    rows[6 + column] = (g0 - g1 + g2) * 0.5
                    rows[9 + column] = g2
                }
                for row in 0..<4 {
                    let (a, b, d) = (rows[row * 3], rows[row * 3 + 1], rows[row * 3 + 2])
                    let values = [a, (a + b + d) * 0.5, (a - b + d) * 0.5, d]
                    for column in 0..<4 {
                        transformed[(row * 4 + column) * stride + o * inputChannels + c] = values[column]
                    }
                }
            }
        }
    }

    /// Floats of scratch memory ``run(input:transformedFilters:bias:relu:output:scratch:threads:)`` needs.
    public func scratchCount(threads: Int) -> Int {
        paddedCount + (transformedCount + productCount) * workers(threads)
    }

    private func workers(_ threads: Int) -> Int {
        max(1, min(threads, blocks))
    }

    /// Computes the convolution of a channel-major batch, `output[o] = relu?(bias[o] + Σ w ∗ x)`.
    ///
    /// - Parameters:
    ///   - input: `inputChannels × batch × height × width`, channel-major.
    ///   - transformedFilters: from ``transformFilters(_:inputChannels:outputChannels:into:)``.
    ///   - output: `outputChannels × batch × height × width`, channel-major.
    ///   - scratch: at least ``scratchCount(threads:)`` floats.
    public func run(
        input: UnsafePointer<Float>, transformedFilters: UnsafePointer<Float>, bias: UnsafePointer<Float>?, relu: Bool,
        output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, threads: Int
    ) {
        let workers = workers(threads)
        let perWorker = transformedCount + productCount
        let padded = scratch
        pad(input, into: padded)
        let scratch = scratch + paddedCount
        // Workers use disjoint scratch and write disjoint output tiles; the rest is read-only.
        let shared = UncheckedSendable((UnsafePointer(padded), transformedFilters, bias, output, scratch))
        if workers == 1, threads > 1 {
            // One block: transform once, then share its 16 products between the threads.
            let (transformed, products) = (scratch, scratch + transformedCount)
            clearSpareColumns(products, after: tiles)
            transformInput(padded, firstTile: 0, count: tiles, into: transformed)
            DispatchQueue.concurrentPerform(iterations: min(threads, 16)) { worker in
                let (_, filters, _, _, scratch) = shared.value
                var xi = worker
                while xi < 16 {
                    multiply(xi, filters: filters, transformed: scratch, products: scratch + transformedCount, count: tiles)
                    xi += min(threads, 16)
                }
            }
            transformOutput(products, firstTile: 0, count: tiles, bias: bias, relu: relu, into: output)
            return
        }
        let work = { @Sendable (worker: Int) in
            let (padded, filters, bias, output, scratch) = shared.value
            let transformed = scratch + worker * perWorker
            let products = transformed + transformedCount
            var block = worker
            while block < blocks {
                let first = block * blockTiles, count = min(blockTiles, tiles - first)
                clearSpareColumns(products, after: count)
                transformInput(padded, firstTile: first, count: count, into: transformed)
                for xi in 0..<16 { multiply(xi, filters: filters, transformed: transformed, products: products, count: count) }
                transformOutput(products, firstTile: first, count: count, bias: bias, relu: relu, into: output)
                block += workers
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
    }

    /// Zeroes the eight columns of M after a block's `count` tiles, which the products do not
    /// write but the output transform loads into lanes it then ignores: they must not hold stray
    /// bit patterns (denormals slow the arithmetic down).
    private func clearSpareColumns(_ products: UnsafeMutablePointer<Float>, after count: Int) {
        for row in 0..<(16 * outputChannels) { store(SIMD8(), to: products + row * rowStride + count) }
    }

    /// `M[ξ] = U[ξ] · V[ξ]` for one transformed position.
    private func multiply(
        _ xi: Int, filters: UnsafePointer<Float>, transformed: UnsafePointer<Float>, products: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    blasint(outputChannels), blasint(count), blasint(inputChannels),
                    1, filters + xi * outputChannels * inputChannels, blasint(inputChannels),
                    transformed + xi * inputChannels * rowStride, blasint(rowStride),
                    0, products + xi * outputChannels * rowStride, blasint(rowStride))
    }

    /// Copies every input plane into a zero-bordered plane of ``paddedWidth`` × ``paddedHeight``,
    /// input pixel (y, x) at (y + 1, x + 1), so the tile transform reads without bounds checks.
    private func pad(_ input: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        let planeSize = height &* width, paddedPlane = paddedHeight &* paddedWidth
        for plane in 0..<(inputChannels &* batch) {
            let source = input + plane &* planeSize
            let destination = padded + plane &* paddedPlane
            fillZeros(destination, count: paddedWidth)
            for y in 0..<height {
                let line = destination + (y &+ 1) &* paddedWidth
                line[0] = 0
                copyRun(from: source + y &* width, to: line + 1, count: width)
                fillZeros(line + 1 + width, count: paddedWidth &- width &- 1)
            }
            fillZeros(destination + (height &+ 1) &* paddedWidth, count: (paddedHeight &- height &- 1) &* paddedWidth)
        }
    }

    /// `V = Bᵀ d B` for the input tiles `firstTile ..< firstTile + count` of every channel, with
    /// `Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]`. Written as 16 matrices
    /// `V[ξ]` of `inputChannels` rows. Eight horizontally adjacent tiles are transformed at once:
    /// their 4×4 input tiles overlap by two columns, so each input row of the eight is one run of
    /// 18 values of the padded plane, split into even and odd columns. A group of fewer than eight
    /// tiles still stores eight lanes; the extra ones land where the next stretch of tiles, or the
    /// spare columns, will be written.
    private func transformInput(_ padded: UnsafePointer<Float>, firstTile: Int, count: Int, into transformed: UnsafeMutablePointer<Float>) {
        let paddedPlane = paddedHeight &* paddedWidth
        let step = inputChannels &* rowStride
        forEachTileRun(firstTile: firstTile, count: count) { sample, tileRow, firstColumn, columns, offset in
            for channel in 0..<inputChannels {
                // Padded rows 2·tileRow … 2·tileRow + 3 are input rows 2·tileRow − 1 … 2·tileRow + 2.
                let source = padded + ((channel &* batch &+ sample) &* paddedPlane &+ 2 &* tileRow &* paddedWidth)
                let destination = transformed + (channel &* rowStride &+ offset)
                var group = 0
                while group < columns {
                    let start = source + 2 &* (firstColumn &+ group)
                    // d·B along each input row: (d0 − d2, d1 + d2, d2 − d1, d1 − d3).
                    let r0 = rowTransform(rowSegment(start))
                    let r1 = rowTransform(rowSegment(start + paddedWidth))
                    let r2 = rowTransform(rowSegment(start + 2 &* paddedWidth))
                    let r3 = rowTransform(rowSegment(start + 3 &* paddedWidth))
                    // Bᵀ·(d B) down each column, stored at ξ = 4p + q.
                    let target = destination + group
                    storeColumn(r0.0, r1.0, r2.0, r3.0, to: target, step: step)
                    storeColumn(r0.1, r1.1, r2.1, r3.1, to: target + step, step: step)
                    storeColumn(r0.2, r1.2, r2.2, r3.2, to: target + 2 &* step, step: step)
                    storeColumn(r0.3, r1.3, r2.3, r3.3, to: target + 3 &* step, step: step)
                    group &+= 8
                }
            }
        }
    }

    @inline(__always)
    private func rowTransform(_ d: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>))
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        (d.0 - d.2, d.1 + d.2, d.2 - d.1, d.1 - d.3)
    }

    /// Stores `Bᵀ` applied to one column (rows `a`…`d`) as the column's four ξ = 4p + q values:
    /// row p goes `4 · step` further than row p − 1.
    @inline(__always)
    private func storeColumn(
        _ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>, _ d: SIMD8<Float>,
        to destination: UnsafeMutablePointer<Float>, step: Int
    ) {
        store(a - c, to: destination)
        store(b + c, to: destination + 4 &* step)
        store(c - b, to: destination + 8 &* step)
        store(b - d, to: destination + 12 &* step)
    }

    /// The four input columns of eight adjacent tiles from 18 padded values: `start[2k + j]` for
    /// lane `k` and column `j`.
    @inline(__always)
    private func rowSegment(_ start: UnsafePointer<Float>) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let raw = UnsafeRawPointer(start)
        let low = raw.loadUnaligned(as: SIMD16<Float>.self)
        let high = raw.loadUnaligned(fromByteOffset: 8, as: SIMD16<Float>.self)
        return (low.evenHalf, low.oddHalf, high.evenHalf, high.oddHalf)
    }

    /// `Y = Aᵀ m A + bias` (then ReLU) for the tiles `firstTile ..< firstTile + count`, with
    /// `Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]]`, written to the output planes. A tile that hangs
    /// past an odd-sized edge writes only its inside part.
    private func transformOutput(
        _ products: UnsafePointer<Float>, firstTile: Int, count: Int, bias: UnsafePointer<Float>?, relu: Bool,
        into output: UnsafeMutablePointer<Float>
    ) {
        let plane = height &* width
        let step = outputChannels &* rowStride
        forEachTileRun(firstTile: firstTile, count: count) { sample, tileRow, firstColumn, columns, offset in
            for channel in 0..<outputChannels {
                let shift = SIMD8<Float>(repeating: bias?[channel] ?? 0)
                let source = products + (channel &* rowStride &+ offset)
                let destination = output + (channel &* batch &+ sample) &* plane
                var group = 0
                while group < columns {
                    let first = source + group
                    // m·A along each row p: (m0 + m1 + m2, m1 − m2 − m3).
                    let u0 = rowReduce(first, step: step)
                    let u1 = rowReduce(first + 4 &* step, step: step)
                    let u2 = rowReduce(first + 8 &* step, step: step)
                    let u3 = rowReduce(first + 12 &* step, step: step)
                    // Aᵀ·(m A) down the columns, plus the bias.
                    var top = (u0.0 + u1.0 + u2.0 + shift, u0.1 + u1.1 + u2.1 + shift)
                    var bottom = (u1.0 - u2.0 - u3.0 + shift, u1.1 - u2.1 - u3.1 + shift)
                    if relu {
                        top = (top.0.replacing(with: 0, where: top.0 .< 0), top.1.replacing(with: 0, where: top.1 .< 0))
                        bottom = (bottom.0.replacing(with: 0, where: bottom.0 .< 0),
                                  bottom.1.replacing(with: 0, where: bottom.1 .< 0))
                    }
                    let lanes = min(8, columns &- group)
                    let x = 2 &* (firstColumn &+ group), row = 2 &* tileRow
                    writeRow(top, lanes: lanes, to: destination + row &* width, x: x)
                    if row &+ 1 < height { writeRow(bottom, lanes: lanes, to: destination + (row &+ 1) &* width, x: x) }
                    group &+= 8
                }
            }
        }
    }

    @inline(__always)
    private func rowReduce(_ source: UnsafePointer<Float>, step: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        let m0 = load(source), m1 = load(source + step)
        let m2 = load(source + 2 &* step), m3 = load(source + 3 &* step)
        return (m0 + m1 + m2, m1 - m2 - m3)
    }

    /// Writes the two output columns of each of `lanes` tiles, interleaved, from column `x`,
    /// stopping at the right edge.
    @inline(__always)
    private func writeRow(_ values: (SIMD8<Float>, SIMD8<Float>), lanes: Int, to line: UnsafeMutablePointer<Float>, x: Int) {
        var interleaved = SIMD16<Float>()
        interleaved.evenHalf = values.0
        interleaved.oddHalf = values.1
        let count = min(2 &* lanes, width &- x)
        if count == 16 {
            UnsafeMutableRawPointer(line + x).storeBytes(of: interleaved, as: SIMD16<Float>.self)
            return
        }
        withUnsafeTemporaryAllocation(of: SIMD16<Float>.self, capacity: 1) { spill in
            spill[0] = interleaved
            let values = UnsafeRawPointer(spill.baseAddress!).assumingMemoryBound(to: Float.self)
            for i in 0..<count { line[x &+ i] = values[i] }
        }
    }

    /// Calls `body` for each stretch of consecutive tiles in one tile row within the block:
    /// sample, tile row, first tile column, tile count, and the stretch's offset in the block.
    @inline(__always)
    private func forEachTileRun(firstTile: Int, count: Int, _ body: (Int, Int, Int, Int, Int) -> Void) {
        var tile = firstTile, offset = 0
        let perSample = tileRows &* tileColumns
        while offset < count {
            let sample = tile / perSample
            let within = tile &- sample &* perSample
            let tileRow = within / tileColumns
            let firstColumn = within &- tileRow &* tileColumns
            let columns = min(tileColumns &- firstColumn, count &- offset)
            body(sample, tileRow, firstColumn, columns, offset)
            tile &+= columns
            offset &+= columns
        }
    }
}

@inline(__always)
private func store(_ value: SIMD8<Float>, to destination: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(destination).storeBytes(of: value, as: SIMD8<Float>.self)
}

@inline(__always)
private func load(_ source: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(source).loadUnaligned(as: SIMD8<Float>.self)
}
