/// Indices of an anchor, a positive (same person) and a negative (another person) in a batch.
public struct Triplet: Sendable, Hashable {
    public let anchor: Int
    public let positive: Int
    public let negative: Int

    public init(anchor: Int, positive: Int, negative: Int) {
        self.anchor = anchor
        self.positive = positive
        self.negative = negative
    }

    /// FaceNet's online semi-hard mining (Schroff et al. 2015).
    ///
    /// Every ordered anchor–positive pair of the same label becomes one triplet. Its negative
    /// is the closest one that is still *semi-hard*, d(a,p) < d(a,n) < d(a,p) + margin with d
    /// the squared distance: close enough to give a gradient but not so close that training
    /// collapses early. When no negative lies in that band, the hardest (closest) one is used.
    /// Embeddings and labels of different counts give no triplets.
    public static func semiHard(embeddings: [[Double]], labels: [Int], margin: Double) -> [Triplet] {
        guard embeddings.count == labels.count else { return [] }
        var triplets: [Triplet] = []
        for a in embeddings.indices {
            for p in embeddings.indices where p != a && labels[p] == labels[a] {
                let positiveDistance = squaredDistance(embeddings[a], embeddings[p])
                var semiHard: (index: Int, distance: Double)?
                var hardest: (index: Int, distance: Double)?
                for n in embeddings.indices where labels[n] != labels[a] {
                    let d = squaredDistance(embeddings[a], embeddings[n])
                    if d < hardest?.distance ?? .infinity { hardest = (n, d) }
                    if d > positiveDistance, d < positiveDistance + margin,
                       d < semiHard?.distance ?? .infinity {
                        semiHard = (n, d)
                    }
                }
                if let negative = semiHard ?? hardest {
                    triplets.append(Triplet(anchor: a, positive: p, negative: negative.index))
                }
            }
        }
        return triplets
    }
}

func squaredDistance(_ x: [Double], _ y: [Double]) -> Double {
    var sum = 0.0
    for i in x.indices {
        let d = x[i] - y[i]
        sum += d * d
    }
    return sum
}
