import Faces
import Foundation
@testable import FootfallCore
import Testing

/// The gallery's int8 first pass must never change an answer: its bounds hold every distance, and
/// the two-pass search names the same members at the same distances as a full Float32 pass.
@Suite struct QuantisedSearchTests {
    /// Rows of three kinds: uniform (like the bench), one large value among small ones (a coarse
    /// scale for the rest), and all zero (a zero scale).
    static func rows(count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { r in
            switch r % 3 {
            case 0: return (0..<dimension).map { _ in Float.random(in: -0.3...0.3, using: &generator) }
            case 1: return (0..<dimension).map { i in i == r % dimension ? 0.9 : Float.random(in: -0.05...0.05, using: &generator) }
            default: return r % 30 == 2 ? [Float](repeating: 0, count: dimension)
                : (0..<dimension).map { _ in Float.random(in: -0.2...0.25, using: &generator) }
            }
        }
    }

    static func squaredDistance(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
    }

    /// 128 values (dlib and SFace); and an odd dimension and a row count that leave the last
    /// block part empty.
    @Test(arguments: [(128, 600), (7, 13)])
    func boundsHoldEveryDistance(dimension: Int, count: Int) {
        let rows = Self.rows(count: count, dimension: dimension, seed: 7)
        let quantised = QuantisedRows(rows: rows.flatMap { $0 }, dimension: dimension)
        #expect(quantised.count == rows.count)
        var widest = 0.0
        for query in Self.rows(count: 30, dimension: dimension, seed: 8) + [rows[4], rows[5]] {
            let bounds = quantised.squaredDistanceBounds(to: query)
            #expect(bounds.lower.count == rows.count && bounds.upper.count == rows.count)
            for (r, row) in rows.enumerated() {
                let exact = Self.squaredDistance(query, row)
                #expect(Double(bounds.lower[r]) <= exact && exact <= Double(bounds.upper[r]), "row \(r)")
                widest = max(widest, Double(bounds.upper[r] - bounds.lower[r]))
            }
        }
        // Measured: the widest bracket is 0.246 in squared distance (a row and a query that both
        // have one 0.9 value, so a coarse scale); wider would still be correct but would send
        // many more rows to the second pass.
        #expect(widest < 0.25)
    }

    @Test func twoPassSearchAnswersAsAFullPass() throws {
        let dimension = 128
        let people = try (0..<400).map { try Member(name: "P\($0)") }
        let rows = Self.rows(count: people.count * 3, dimension: dimension, seed: 9)
        let samples = rows.enumerated().map { r, values in
            GallerySample(sampleID: UUID(), member: people[r / 3], descriptor: FaceDescriptor(values))
        }
        let gallery = try MemberGallery(samples: samples, embedding: "e", threshold: 0.6)
        var generator = SeededGenerator(seed: 10)
        let returning = (0..<40).map { _ in rows[Int.random(in: 0..<rows.count, using: &generator)].map { $0 + Float.random(in: -0.05...0.05, using: &generator) } }
        for query in Self.rows(count: 40, dimension: dimension, seed: 11) + returning {
            let nearest = gallery.nearestMembers(to: FaceDescriptor(query), count: 5)
            let expected = people.indices.map { p in
                (p, (0..<3).map { Self.squaredDistance(query, rows[p * 3 + $0]) }.min()!.squareRoot())
            }.sorted { $0.1 < $1.1 }.prefix(5)
            #expect(nearest.map(\.member) == expected.map { people[$0.0] })
            for (got, want) in zip(nearest, expected) {
                #expect(abs(Double(got.distance) - want.1) < 1e-5)
            }
        }
    }
}
