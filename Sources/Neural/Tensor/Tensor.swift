/// A batch of Float32 values in NCHW order (sample, channel, row, column), contiguous, in
/// 64-byte-aligned memory.
///
/// `Tensor` is a value: copies share storage until one of them is written to (copy on write),
/// so passing tensors between threads is safe.
public struct Tensor: Sendable {
    public let shape: TensorShape
    private var storage: AlignedFloats

    /// A tensor of zeros.
    public init(zeros shape: TensorShape) {
        precondition(shape.isValid, "invalid tensor shape \(shape)")
        self.shape = shape
        self.storage = AlignedFloats(count: shape.count)
    }

    /// A tensor holding `values` in NCHW order; `values.count` must equal `shape.count`.
    public init(shape: TensorShape, values: [Float]) {
        precondition(shape.isValid, "invalid tensor shape \(shape)")
        precondition(values.count == shape.count, "\(values.count) values do not fill a \(shape) tensor")
        self.shape = shape
        self.storage = AlignedFloats(copying: values)
    }

    /// Every value in NCHW order.
    public var values: [Float] {
        withUnsafeBufferPointer { Array($0) }
    }

    /// The values of sample `index`, channel by channel.
    public func sample(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < shape.batch, "sample \(index) of a batch of \(shape.batch)")
        return withUnsafeBufferPointer { Array($0[index * shape.sample.count ..< (index + 1) * shape.sample.count]) }
    }

    public subscript(sample: Int, channel: Int, row: Int, column: Int) -> Float {
        get { withUnsafeBufferPointer { $0[index(sample, channel, row, column)] } }
        set {
            let i = index(sample, channel, row, column)
            withUnsafeMutableBufferPointer { $0[i] = newValue }
        }
    }

    private func index(_ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Int {
        precondition(n >= 0 && n < shape.batch && c >= 0 && c < shape.channels
                     && y >= 0 && y < shape.height && x >= 0 && x < shape.width,
                     "index (\(n), \(c), \(y), \(x)) outside \(shape)")
        return ((n * shape.channels + c) * shape.height + y) * shape.width + x
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: shape.count))
    }

    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
        }
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: shape.count))
    }
}

/// Float memory aligned for the widest vector loads: the storage of a ``Tensor``, of layer
/// weights inside a ``Network`` and of the activations of one network run.
///
/// The memory comes from plain `malloc`, `alignment` bytes more than needed, and `base` is the
/// first aligned address inside it. Asking for the alignment instead (a `posix_memalign` call,
/// which is what `UnsafeMutableRawPointer.allocate(byteCount:alignment: 64)` makes) let memory
/// grow without bound: glibc (2.36 here) serves an aligned request of n bytes by taking a free
/// block of n + alignment + 32 bytes, cutting the aligned part out and freeing the two ends.
/// Once small allocations reuse those ends, the block a network run frees is too small for the
/// next run's request of the same size, so run after run took fresh memory for its activations
/// (21 MB for a batch of 10 face chips), and `encode --jitters 10` grew by megabytes per photo
/// while the bytes in use stayed flat. A plain `malloc` of the same size fits exactly the block
/// an earlier one freed.
///
/// Marked `@unchecked Sendable` because it is only written while uniquely referenced (a fresh
/// buffer being filled, or a ``Tensor`` doing copy on write): once shared, it is read-only.
final class AlignedFloats: @unchecked Sendable {
    static let alignment = 64
    let base: UnsafeMutablePointer<Float>
    let count: Int
    /// What `malloc` returned, for `deinit` to free: `base` lies less than `alignment` bytes in.
    private let block: UnsafeMutableRawPointer

    /// `count` floats left uninitialised, for memory that is written before it is read.
    init(uninitializedCount count: Int) {
        self.count = count
        let byteCount = max(count, 1) * MemoryLayout<Float>.stride
        // Float's own alignment is below malloc's 16 bytes, so glibc serves this as a plain malloc.
        block = UnsafeMutableRawPointer.allocate(byteCount: byteCount + Self.alignment,
                                                 alignment: MemoryLayout<Float>.alignment)
        base = block.alignedUp(toMultipleOf: Self.alignment).bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// `count` zeros.
    convenience init(count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: 0, count: max(count, 1))
    }

    convenience init(copying values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.update(from: start, count: source.count) }
        }
    }

    func copy() -> AlignedFloats {
        let twin = AlignedFloats(count: count)
        twin.base.update(from: base, count: count)
        return twin
    }

    deinit {
        block.deallocate()
    }
}
