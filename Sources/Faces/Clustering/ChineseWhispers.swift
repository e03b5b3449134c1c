/// Chinese whispers graph clustering, as dlib's `chinese_whispers` does it: it needs no number of
/// clusters, only a graph whose edges join faces that are probably the same person.
///
/// Every node starts in its own cluster. Then, `iterations × nodeCount` times, a node drawn at
/// random adopts the label carrying the largest summed edge weight among its neighbours (ties go
/// to the smallest label, as dlib's ordered map gives). Like dlib's face clustering example, each
/// node also has an edge to itself, so a node with no neighbours keeps its own label and a node
/// weighs its current label against the others.
///
///     let labels = ChineseWhispers(seed: 7).clusters(of: descriptors, threshold: 0.5)
///
/// The same seed gives the same clusters on every run.
public struct ChineseWhispers: Sendable {
    /// An undirected edge between nodes `a` and `b`.
    public struct Edge: Sendable, Hashable {
        public var a: Int
        public var b: Int
        public var weight: Double

        public init(_ a: Int, _ b: Int, weight: Double = 1) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }

    /// Passes over the nodes; dlib's default is 100.
    public var iterations: Int
    public var seed: UInt64

    public init(iterations: Int = 100, seed: UInt64 = 0) {
        self.iterations = iterations
        self.seed = seed
    }

    /// A cluster label per descriptor: two faces closer than `threshold` are joined by an edge of
    /// weight 1 (as dlib's example and face_recognition do). Clusters are numbered by size,
    /// largest first, so label 0 is the most frequent person.
    public func clusters(of descriptors: [FaceDescriptor], threshold: Float = 0.5) -> [Int] {
        var edges = [Edge]()
        for i in descriptors.indices {
            for j in descriptors.indices where j > i && descriptors[i].distance(to: descriptors[j]) < threshold {
                edges.append(Edge(i, j))
            }
        }
        return labels(nodeCount: descriptors.count, edges: edges)
    }

    /// A cluster label per node of a graph. Edges naming nodes outside `0..<nodeCount` are
    /// ignored; self edges are implied. Labels are numbered by cluster size, largest first (ties
    /// by first member).
    public func labels(nodeCount: Int, edges: [Edge]) -> [Int] {
        guard nodeCount > 0 else { return [] }
        var neighbours = [[(node: Int, weight: Double)]](repeating: [], count: nodeCount)
        for node in 0..<nodeCount { neighbours[node].append((node, 1)) }
        for edge in edges where (0..<nodeCount).contains(edge.a) && (0..<nodeCount).contains(edge.b) && edge.a != edge.b {
            neighbours[edge.a].append((edge.b, edge.weight))
            neighbours[edge.b].append((edge.a, edge.weight))
        }

        var labels = Array(0..<nodeCount)
        var generator = SeededGenerator(seed: seed)
        var weightByLabel = [Int: Double]()
        for _ in 0..<(max(iterations, 0) * nodeCount) {
            let node = Int.random(in: 0..<nodeCount, using: &generator)
            weightByLabel.removeAll(keepingCapacity: true)
            for (neighbour, weight) in neighbours[node] {
                weightByLabel[labels[neighbour], default: 0] += weight
            }
            if let best = weightByLabel.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                labels[node] = best.key
            }
        }
        return Self.numberedBySize(labels)
    }

    /// Renames labels to 0, 1, 2… by decreasing cluster size.
    private static func numberedBySize(_ labels: [Int]) -> [Int] {
        var members = [Int: [Int]]()
        for (node, label) in labels.enumerated() { members[label, default: []].append(node) }
        let ordered = members.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        var result = labels
        for (newLabel, nodes) in ordered.enumerated() {
            for node in nodes { result[node] = newLabel }
        }
        return result
    }
}
