/// Where each value of one run lives in that run's single block of scratch memory.
///
/// Values are numbered 0 for the graph input and `i + 1` for node `i`. A value's memory is
/// handed to a later value once its last reader has run, so a deep network needs only a few
/// activation buffers (best fit first, growing a free buffer when none is large enough). Graph
/// outputs are never reused. Layer scratch (unrolled patches) comes after the activations.
struct MemoryPlan {
    /// Offset in floats of each value.
    private(set) var offsets: [Int]
    let scratchOffset: Int
    let totalCount: Int

    init(graph: Graph, valueShapes: [FeatureShape], batch: Int, scratchCount: Int) {
        let valueCount = graph.nodes.count + 1
        func value(_ source: Graph.Source) -> Int {
            if case .node(let index) = source { return index + 1 }
            return 0
        }
        // The node index after which each value is no longer needed.
        var lastReader = Array(0..<valueCount).map { $0 - 1 }
        for (index, node) in graph.nodes.enumerated() {
            for source in node.inputs { lastReader[value(source)] = index }
        }
        for source in graph.outputs { lastReader[value(source)] = .max }

        var bufferSizes: [Int] = []
        var free: [Int] = []
        var buffer = [Int](repeating: 0, count: valueCount)
        func place(_ v: Int) {
            let size = Self.aligned(valueShapes[v].count * batch)
            if let best = free.filter({ bufferSizes[$0] >= size }).min(by: { bufferSizes[$0] < bufferSizes[$1] }) {
                buffer[v] = best
                free.removeAll { $0 == best }
            } else if let largest = free.max(by: { bufferSizes[$0] < bufferSizes[$1] }) {
                bufferSizes[largest] = size
                buffer[v] = largest
                free.removeAll { $0 == largest }
            } else {
                buffer[v] = bufferSizes.count
                bufferSizes.append(size)
            }
        }
        func release(after index: Int) {
            for v in 0..<valueCount where lastReader[v] == index { free.append(buffer[v]) }
        }
        place(0)
        release(after: -1)
        for index in graph.nodes.indices {
            place(index + 1)
            release(after: index)
        }

        var bufferOffsets: [Int] = []
        var total = 0
        for size in bufferSizes {
            bufferOffsets.append(total)
            total += size
        }
        offsets = buffer.map { bufferOffsets[$0] }
        scratchOffset = total
        totalCount = total + Self.aligned(scratchCount)
    }

    /// Rounds a float count up to whole 64-byte lines, so every buffer starts aligned.
    static func aligned(_ count: Int) -> Int {
        (count + 15) / 16 * 16
    }
}
