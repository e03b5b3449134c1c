/// The trees of one cascade level of a dlib shape predictor, flattened for fast evaluation.
///
/// Each tree is a complete binary tree stored breadth first: split `i` compares two feature
/// pixels and sends the walk left (to `2i + 1`) when `feature[first] − feature[second]` exceeds
/// the threshold, otherwise right (to `2i + 2`). Past the last split the walk lands on a leaf, a
/// vector of `dimension` numbers (an x and y nudge per landmark) that is added to the shape.
/// Splits and leaves of all trees sit end to end in a few flat arrays; `splitStarts` and
/// `leafStarts` say where each tree's share begins.
struct RegressionForest: Sendable {
    let dimension: Int
    private let splitStarts: [Int]
    private let firstFeature: [Int32]
    private let secondFeature: [Int32]
    private let thresholds: [Float]
    private let leafStarts: [Int]
    private let leafValues: [Float]
    /// One more than the largest feature index any split reads: how many feature pixels the
    /// cascade level must provide.
    let featuresNeeded: Int

    /// Reads dlib's `std::vector<regression_tree>`: a count, then per tree its splits
    /// `(idx1, idx2, threshold)` and its leaf vectors.
    init(reading reader: inout DlibReader, dimension: Int) throws {
        self.dimension = dimension
        var splitStarts = [0], leafStarts = [0]
        var firstFeature = [Int32](), secondFeature = [Int32](), thresholds = [Float]()
        var leafValues = [Float]()
        var featuresNeeded = 0

        let treeCount = try reader.readCount("number of trees")
        for _ in 0..<treeCount {
            let splitCount = try reader.readCount("number of splits", limit: 1 << 20)
            for _ in 0..<splitCount {
                let start = reader.offset
                let first = try reader.readCount("split feature index", limit: Int(Int32.max))
                let second = try reader.readCount("split feature index", limit: Int(Int32.max))
                let threshold = try reader.readFloat()
                guard threshold.isFinite else { throw reader.error("split threshold is \(threshold)", at: start) }
                firstFeature.append(Int32(first))
                secondFeature.append(Int32(second))
                thresholds.append(threshold)
                featuresNeeded = max(featuresNeeded, first + 1, second + 1)
            }
            splitStarts.append(firstFeature.count)

            let start = reader.offset
            let leafCount = try reader.readCount("number of leaves", limit: 1 << 21)
            // The walk ends at node index splitCount...2·splitCount, one leaf each.
            guard leafCount == splitCount + 1 else {
                throw reader.error("a tree with \(splitCount) splits has \(leafCount) leaves, not \(splitCount + 1)", at: start)
            }
            for _ in 0..<leafCount {
                let start = reader.offset
                let leaf = try reader.readMatrix()
                guard leaf.values.count == dimension, leaf.columns == 1 else {
                    throw reader.error("a leaf is \(leaf.rows)×\(leaf.columns), not \(dimension)×1", at: start)
                }
                leafValues.append(contentsOf: leaf.values.lazy.map { Float($0) })
            }
            leafStarts.append(leafStarts[leafStarts.count - 1] + leafCount)
        }
        self.splitStarts = splitStarts
        self.firstFeature = firstFeature
        self.secondFeature = secondFeature
        self.thresholds = thresholds
        self.leafStarts = leafStarts
        self.leafValues = leafValues
        self.featuresNeeded = featuresNeeded
    }

    var treeCount: Int { splitStarts.count - 1 }

    /// Walks every tree on `features` and adds the leaf each one reaches to `shape`, tree by tree
    /// in file order (dlib's order, which fixes the float rounding). `leafScratch` needs room for
    /// one index per tree.
    ///
    /// The walks read only the features, never the shape, so all of them run first; the sums
    /// then go eight coordinates at a time through every tree's leaf. That keeps the running sums
    /// in registers and lets the loads of many leaves (a 68-point forest's leaves are 65 MB, far
    /// beyond the caches) be in flight at once, while each coordinate still receives its leaf
    /// values in the same order as in dlib.
    func accumulate(features: UnsafeBufferPointer<Float>, into shape: UnsafeMutableBufferPointer<Float>,
                    leafScratch: UnsafeMutableBufferPointer<Int>) {
        firstFeature.withUnsafeBufferPointer { first in
        secondFeature.withUnsafeBufferPointer { second in
        thresholds.withUnsafeBufferPointer { thresholds in
            for tree in 0..<treeCount {
                let base = splitStarts[tree], splitCount = splitStarts[tree + 1] - base
                var node = 0
                while node < splitCount {
                    let split = base &+ node
                    let difference = features[Int(first[split])] - features[Int(second[split])]
                    // Left is 2·node + 1, right 2·node + 2. Which way a face goes is anybody's
                    // guess, so the step is arithmetic rather than a branch the CPU would mispredict.
                    let goesRight = difference > thresholds[split] ? 0 : 1
                    node = 2 &* node &+ 1 &+ goesRight
                }
                leafScratch[tree] = (leafStarts[tree] &+ node &- splitCount) &* dimension
            }
        }
        }
        }
        leafValues.withUnsafeBufferPointer { leaves in
            let reached = UnsafeBufferPointer(rebasing: leafScratch[0..<treeCount])
            var j = 0
            while j + 8 <= dimension {
                var sum = UnsafeRawPointer(shape.baseAddress! + j).loadUnaligned(as: SIMD8<Float>.self)
                for start in reached {
                    sum += UnsafeRawPointer(leaves.baseAddress! + start + j).loadUnaligned(as: SIMD8<Float>.self)
                }
                UnsafeMutableRawPointer(shape.baseAddress! + j).storeBytes(of: sum, as: SIMD8<Float>.self)
                j += 8
            }
            while j < dimension {
                var sum = shape[j]
                for start in reached {
                    sum += leaves[start + j]
                }
                shape[j] = sum
                j += 1
            }
        }
    }
}
