import CBLAS
import Dispatch

/// A 2-D convolution of a channel-major batch, as unrolled patches times weights (im2col + SGEMM).
///
/// The output positions of the whole batch are cut into blocks of columns sized so one block of
/// unrolled patches (`filterLength × blockColumns` floats) stays in the core's L2 cache while
/// OpenBLAS multiplies it; the bias and ReLU are applied to each block right after its product,
/// while it is still in cache. With several threads, blocks are shared out between them: each
/// thread unrolls into its own part of the scratch buffer and writes its own output columns, so
/// threads never touch the same memory (see ``schedule(threads:)`` for small batches). A 1×1
/// convolution with stride 1 and no padding needs no unrolling: the channel-major input already
/// is the patch matrix.
public struct Convolution2D: Sendable {
    public var batch: Int
    public var inputChannels: Int
    public var inputHeight: Int
    public var inputWidth: Int
    public var window: SlidingWindow
    public var outputChannels: Int

    public init(batch: Int, inputChannels: Int, inputHeight: Int, inputWidth: Int,
                window: SlidingWindow, outputChannels: Int) {
        self.batch = batch
        self.inputChannels = inputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.window = window
        self.outputChannels = outputChannels
    }

    public var outputHeight: Int { window.outputHeight(inputHeight) }
    public var outputWidth: Int { window.outputWidth(inputWidth) }
    /// Output positions of the whole batch: the column count of the product.
    public var positions: Int { batch * outputHeight * outputWidth }
    /// Weights per filter: the inner dimension of the product.
    public var filterLength: Int { inputChannels * window.height * window.width }

    var isPointwise: Bool {
        window.height == 1 && window.width == 1 && window.strideY == 1 && window.strideX == 1
            && window.paddingY == 0 && window.paddingX == 0
    }

    /// How the work is cut up for `threads` threads.
    struct Schedule {
        /// Output positions per block; blocks are equal but for the last.
        var blockColumns: Int
        var blocks: Int
        /// Threads working on blocks (each on every `workers`-th block), or, when there are fewer
        /// blocks than threads, on slices of the filters.
        var workers: Int
        var splitsFilters: Bool
    }

    /// Blocks of about 1 MiB of unrolled patches and at least 256 columns, the same number for
    /// every thread (on the face ResNet, 1–4 MiB blocks ran alike and 256 KiB blocks 5% slower).
    /// A batch too small to give each thread 32 columns shares the filters instead: one
    /// unrolling, then each thread multiplies its own output channels.
    func schedule(threads: Int) -> Schedule {
        let target = max(256, (1 << 18) / max(filterLength, 1))
        let threads = max(1, threads)
        if threads > 1, positions < 32 * threads {
            return Schedule(blockColumns: positions, blocks: 1, workers: min(threads, outputChannels), splitsFilters: true)
        }
        let rounds = (positions + threads * target - 1) / (threads * target)
        let block = (positions + threads * rounds - 1) / (threads * rounds)
        let blocks = (positions + block - 1) / block
        return Schedule(blockColumns: block, blocks: blocks, workers: min(threads, blocks), splitsFilters: false)
    }

    /// Floats of scratch memory ``run(input:weights:bias:relu:output:scratch:threads:)`` needs.
    public func scratchCount(threads: Int) -> Int {
        guard !isPointwise else { return 0 }
        let plan = schedule(threads: threads)
        return filterLength * plan.blockColumns * (plan.splitsFilters ? 1 : plan.workers)
    }

    /// Computes `output[o] = relu?(bias[o] + Σ weights[o] · patch)` for every output position.
    ///
    /// - Parameters:
    ///   - input: `inputChannels × batch × inputHeight × inputWidth`, channel-major.
    ///   - weights: `outputChannels × filterLength`, filters in `(channel, ky, kx)` order.
    ///   - bias: one value per output channel, or nil.
    ///   - output: `outputChannels × positions`, channel-major like the input.
    ///   - scratch: at least ``scratchCount(threads:)`` floats (any pointer when that is 0).
    public func run(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?, relu: Bool,
        output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, threads: Int
    ) {
        let plan = schedule(threads: threads)
        // Workers write disjoint output and disjoint scratch; everything else is read-only.
        let shared = UncheckedSendable((input, weights, bias, output, scratch))
        if plan.splitsFilters {
            let patches = UncheckedSendable(unrolled(input, first: 0, count: positions, scratch: scratch))
            let rows = (outputChannels + plan.workers - 1) / plan.workers
            DispatchQueue.concurrentPerform(iterations: plan.workers) { worker in
                let (_, weights, bias, output, _) = shared.value
                let first = worker * rows, last = min(outputChannels, first + rows)
                guard first < last else { return }
                multiply(filters: first..<last, patches: patches.value.matrix, patchStride: patches.value.stride,
                         firstColumn: 0, count: positions, weights: weights, bias: bias, relu: relu, output: output)
            }
            return
        }
        let work = { @Sendable (worker: Int) in
            let (input, weights, bias, output, scratch) = shared.value
            let columns = scratch + worker * filterLength * plan.blockColumns
            var index = worker
            while index < plan.blocks {
                let first = index * plan.blockColumns
                let count = min(plan.blockColumns, positions - first)
                let patches = unrolled(input, first: first, count: count, scratch: columns)
                multiply(filters: 0..<outputChannels, patches: patches.matrix, patchStride: patches.stride,
                         firstColumn: first, count: count, weights: weights, bias: bias, relu: relu, output: output)
                index += plan.workers
            }
        }
        if plan.workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: plan.workers, execute: work)
        }
    }

    /// The patch matrix for positions `first ..< first + count`: unrolled into `scratch`, or for
    /// a pointwise convolution the input itself.
    private func unrolled(
        _ input: UnsafePointer<Float>, first: Int, count: Int, scratch: UnsafeMutablePointer<Float>
    ) -> (matrix: UnsafePointer<Float>, stride: Int) {
        if isPointwise { return (input + first, positions) }
        unrollPatches(input, of: self, first: first, count: count, into: scratch)
        return (UnsafePointer(scratch), count)
    }

    /// `output[filters, firstColumn ..< firstColumn + count] = bias + weights[filters] × patches`,
    /// then ReLU while the block is still in cache. The block starts as the bias and OpenBLAS adds
    /// the product to it (β = 1), which saves OpenBLAS zeroing it first and a pass to add the bias.
    private func multiply(
        filters: Range<Int>, patches: UnsafePointer<Float>, patchStride: Int, firstColumn: Int, count: Int,
        weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?, relu: Bool, output: UnsafeMutablePointer<Float>
    ) {
        for channel in filters {
            (output + (channel &* positions &+ firstColumn)).update(repeating: bias?[channel] ?? 0, count: count)
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    blasint(filters.count), blasint(count), blasint(filterLength),
                    1, weights + filters.lowerBound * filterLength, blasint(filterLength), patches, blasint(patchStride),
                    1, output + filters.lowerBound * positions + firstColumn, blasint(positions))
        guard relu else { return }
        for channel in filters {
            let row = output + (channel &* positions &+ firstColumn)
            for j in 0..<count { row[j] = row[j] > 0 ? row[j] : 0 }
        }
    }
}

/// Lets worker threads share pointers whose memory they use without overlap.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

