import CGalleryKernels

/// A gallery's reference descriptors as int8 codes, a quarter of the bytes of the Float32 rows,
/// for a first pass that brackets every squared distance between two bounds.
///
/// A row r is stored as codes c with one scale s (r ≈ r̂ = s·c, s = max|rᵢ| / 127), together with
/// what the bounds need: ‖r‖², ‖r̂‖ and the rounding error ε = ‖r − r̂‖, all exact. The query is
/// coded the same way, and then
///
///     ‖q − r‖² = ‖q‖² + ‖r‖² − 2 q·r,   |q·r − q̂·r̂| ≤ ‖q‖·ε_r + ε_q·‖r̂‖   (Cauchy–Schwarz)
///
/// so the integer product c_q·c_r gives each distance within a margin known per row. The search
/// that uses it stays exact: whatever the bounds cannot rule out is measured again on the floats.
///
/// The codes and the per-row figures are kept in the blocks `footfall_int8_squared_distance_bounds`
/// reads (8 rows interleaved by pairs of dimensions, then their figures), so a search reads one
/// stream; rows and dimensions are padded with zeros to fill them.
struct QuantisedRows: Sendable {
    let dimension: Int
    let count: Int
    private let pairCount: Int
    private let blockCount: Int
    private let blocks: [UInt8]

    private static let blockRows = Int(FOOTFALL_INT8_BLOCK_ROWS)

    var bytes: Int { blocks.count }

    init(rows: [Float], dimension: Int) {
        self.dimension = dimension
        let count = dimension == 0 ? 0 : rows.count / dimension, pairCount = (dimension + 1) / 2
        (self.count, self.pairCount) = (count, pairCount)
        blockCount = (count + Self.blockRows - 1) / Self.blockRows
        let blockBytes = footfall_int8_block_bytes(pairCount)
        var blocks = [UInt8](repeating: 0, count: blockCount * blockBytes)
        var codes = [Int16](repeating: 0, count: 2 * pairCount)
        blocks.withUnsafeMutableBytes { blocks in
            for r in 0..<count {
                let coded = Self.code(rows[r * dimension..<(r + 1) * dimension], into: &codes)
                let block = (r / Self.blockRows) * blockBytes, lane = r % Self.blockRows
                for i in 0..<dimension {
                    blocks.storeBytes(of: Int8(codes[i]), toByteOffset: block + (i / 2) * 2 * Self.blockRows + 2 * lane + i % 2,
                                      as: Int8.self)
                }
                let figures = block + pairCount * 2 * Self.blockRows + lane * MemoryLayout<Float>.stride
                for (k, figure) in [coded.scale, coded.squaredNorm, coded.codedNorm, coded.roundingError].enumerated() {
                    blocks.storeBytes(of: figure, toByteOffset: figures + k * Self.blockRows * MemoryLayout<Float>.stride,
                                      as: Float.self)
                }
            }
        }
        self.blocks = blocks
    }

    private struct Coded {
        var scale: Float, squaredNorm: Float, codedNorm: Float, roundingError: Float
    }

    /// Codes `values` into the first `values.count` of `codes`; the norms are summed in Double so
    /// that they are exact to Float precision, far below the margins they feed.
    private static func code(_ values: ArraySlice<Float>, into codes: inout [Int16]) -> Coded {
        let largest = values.reduce(0) { max($0, abs($1)) }
        let scale = largest / 127
        var squaredNorm = 0.0, codedSquared = 0.0, errorSquared = 0.0
        for (slot, value) in values.enumerated() {
            let code = scale > 0 ? max(-127, min(127, (value / scale).rounded())) : 0
            codes[slot] = Int16(code)
            let decoded = Double(scale) * Double(code)
            squaredNorm += Double(value) * Double(value)
            codedSquared += decoded * decoded
            errorSquared += (Double(value) - decoded) * (Double(value) - decoded)
        }
        return Coded(scale: scale, squaredNorm: Float(squaredNorm), codedNorm: Float(codedSquared.squareRoot()),
                     roundingError: Float(errorSquared.squareRoot()))
    }

    /// For every row r, `lower[r] ≤ ‖query − row r‖² ≤ upper[r]`.
    func squaredDistanceBounds(to query: [Float]) -> (lower: [Float], upper: [Float]) {
        precondition(query.count == dimension, "the query's dimension differs from the rows'")
        var codes = [Int16](repeating: 0, count: 2 * pairCount)
        let coded = Self.code(query[...], into: &codes)
        var lower = [Float](repeating: 0, count: blockCount * Self.blockRows)
        var upper = lower
        codes.withUnsafeBufferPointer { codes in
            blocks.withUnsafeBufferPointer { blocks in
                lower.withUnsafeMutableBufferPointer { lower in
                    upper.withUnsafeMutableBufferPointer { upper in
                        let query = footfall_int8_query(codes: codes.baseAddress!, scale: coded.scale, squared_norm: coded.squaredNorm,
                                                        norm: coded.squaredNorm.squareRoot(), rounding_error: coded.roundingError)
                        footfall_int8_squared_distance_bounds(query, blocks.baseAddress!, blockCount, pairCount,
                                                              lower.baseAddress!, upper.baseAddress!)
                    }
                }
            }
        }
        lower.removeLast(lower.count - count)
        upper.removeLast(upper.count - count)
        return (lower, upper)
    }
}
