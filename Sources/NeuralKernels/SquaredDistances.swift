/// `distances[r] = ‖query − rows[r]‖²` for `rowCount` rows of `dimension` values each, stored one
/// after another: the whole of a gallery search but the choice of the nearest.
///
/// Memory-bound for a large gallery (every row is read once), so the loop keeps four independent
/// accumulators per row and nothing else; 16 values at a time where `dimension` allows.
public func squaredDistances(from query: UnsafePointer<Float>, to rows: UnsafePointer<Float>, rowCount: Int,
                             dimension: Int, into distances: UnsafeMutablePointer<Float>) {
    guard dimension % 64 == 0 else {
        for r in 0..<rowCount {
            let row = rows + r * dimension
            var sum: Float = 0
            for i in 0..<dimension {
                let d = query[i] - row[i]
                sum += d * d
            }
            distances[r] = sum
        }
        return
    }
    query.withMemoryRebound(to: SIMD16<Float>.self, capacity: dimension / 16) { q in
        rows.withMemoryRebound(to: SIMD16<Float>.self, capacity: rowCount * dimension / 16) { all in
            let vectorsPerRow = dimension / 16
            for r in 0..<rowCount {
                let row = all + r * vectorsPerRow
                var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
                for v in stride(from: 0, to: vectorsPerRow, by: 4) {
                    let d0 = q[v] - row[v], d1 = q[v + 1] - row[v + 1]
                    let d2 = q[v + 2] - row[v + 2], d3 = q[v + 3] - row[v + 3]
                    a0.addProduct(d0, d0)
                    a1.addProduct(d1, d1)
                    a2.addProduct(d2, d2)
                    a3.addProduct(d3, d3)
                }
                distances[r] = ((a0 + a1) + (a2 + a3)).sum()
            }
        }
    }
}
