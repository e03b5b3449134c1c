extension AffineMap {
    /// The similarity (rotation, uniform scale and translation, no shear or mirror) that maps
    /// `from` onto `to` with the least total squared error, or nil when the lists differ in
    /// length or hold fewer than two points.
    ///
    /// This is the least-squares estimate of Umeyama (1991) that dlib's `find_similarity_transform`
    /// computes with a 2×2 SVD. In two dimensions the SVD has a closed form: with the centred
    /// points `f = from − mean`, `g = to − mean`, the best rotation-and-scale matrix is
    /// `[[A, −B], [B, A]] / Σ|f|²` where `A = Σ(g·f)` and `B = Σ(g × f)`, which needs no square
    /// root and gives the same transform to within rounding.
    public static func similarity(from: [SIMD2<Double>], to: [SIMD2<Double>]) -> AffineMap? {
        guard from.count == to.count, from.count >= 2 else { return nil }
        let count = Double(from.count)
        let meanFrom = from.reduce(SIMD2<Double>.zero, +) / count
        let meanTo = to.reduce(SIMD2<Double>.zero, +) / count

        var spread = 0.0, cosine = 0.0, sine = 0.0
        for (f, t) in zip(from, to) {
            let df = f - meanFrom, dt = t - meanTo
            spread += df.x * df.x + df.y * df.y
            cosine += dt.x * df.x + dt.y * df.y
            sine += dt.y * df.x - dt.x * df.y
        }

        // When every `from` point is the same there is nothing to scale or turn: dlib keeps
        // scale 1 and no rotation, and only the means are matched.
        let (a, b) = spread == 0 ? (1.0, 0.0) : (cosine / spread, sine / spread)
        var similarity = AffineMap(m00: a, m01: -b, m10: b, m11: a)
        similarity.translation = meanTo - similarity.apply(meanFrom)
        return similarity
    }
}
