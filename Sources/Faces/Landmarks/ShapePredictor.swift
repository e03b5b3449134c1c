import Foundation

/// dlib's face landmark detector: an ensemble of regression trees (Kazemi & Sullivan, 2014) read
/// from `shape_predictor_5_face_landmarks.dat` or `shape_predictor_68_face_landmarks.dat`.
///
/// Given a face box, it starts from a mean face shape stretched over the box and refines it in
/// cascade levels. Each level reads a few hundred pixel intensities at points placed relative to
/// the current shape, walks hundreds of small trees on differences of those intensities, and adds
/// the trees' answers to the shape. Landmark order is the model's own: the 5-point model gives
/// the outer and inner corner of the subject's left eye (on the image's right), then of the right
/// eye, then the base of the nose; the 68-point model follows the iBUG 300-W layout.
///
/// Every step reproduces dlib's arithmetic, so the points equal dlib's. A loaded predictor is
/// immutable and safe to share between threads.
public final class ShapePredictor: Sendable {
    /// How many landmarks each call returns (5 or 68 for the dlib models).
    public let landmarkCount: Int
    /// The mean shape, `x0, y0, x1, y1, …` in box units: `(0, 0)` is the box's top-left pixel and
    /// `(1, 1)` its bottom-right one.
    private let meanShape: [Float]
    private let levels: [CascadeLevel]

    /// One cascade level: where its feature pixels sit and the trees that read them.
    private struct CascadeLevel: Sendable {
        /// Per feature pixel, the landmark it is attached to, and its offset from that landmark
        /// in the mean shape's frame (box units).
        let anchors: [Int]
        let offsets: [SIMD2<Float>]
        let forest: RegressionForest
    }

    /// Loads a dlib shape predictor file.
    ///
    /// The file holds a version (1), the mean shape as a column matrix, the forests of every
    /// level, then per level the anchor landmark and offset of every feature pixel.
    public init(contentsOf path: String) throws(ShapePredictorError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        do {
            var reader = try DlibReader(contentsOf: path)
            let start = reader.offset
            let version = try reader.readInt()
            guard version == 1 else { throw reader.error("unknown shape predictor version \(version)", at: start) }

            let mean = try reader.readMatrix()
            guard mean.columns == 1, mean.rows >= 2, mean.rows % 2 == 0 else {
                throw reader.error("the mean shape is \(mean.rows)×\(mean.columns), not a column of x, y pairs", at: start)
            }
            meanShape = mean.values.map { Float($0) }
            landmarkCount = mean.rows / 2

            var forests = [RegressionForest]()
            for _ in 0..<(try reader.readCount("number of cascade levels", limit: 1 << 12)) {
                forests.append(try RegressionForest(reading: &reader, dimension: mean.rows))
            }
            let anchorsStart = reader.offset
            var anchors = [[Int]]()
            for _ in 0..<(try reader.readCount("number of anchor lists", limit: 1 << 12)) {
                var list = [Int]()
                for _ in 0..<(try reader.readCount("number of feature pixels")) {
                    list.append(try reader.readCount("anchor landmark", limit: landmarkCount - 1))
                }
                anchors.append(list)
            }
            let offsetsStart = reader.offset
            var offsets = [[SIMD2<Float>]]()
            for _ in 0..<(try reader.readCount("number of offset lists", limit: 1 << 12)) {
                var list = [SIMD2<Float>]()
                for _ in 0..<(try reader.readCount("number of feature pixels")) {
                    list.append(SIMD2(try reader.readFloat(), try reader.readFloat()))
                }
                offsets.append(list)
            }

            guard anchors.count == forests.count else {
                throw reader.error("\(forests.count) cascade levels but \(anchors.count) anchor lists", at: anchorsStart)
            }
            guard offsets.count == forests.count else {
                throw reader.error("\(forests.count) cascade levels but \(offsets.count) offset lists", at: offsetsStart)
            }
            var levels = [CascadeLevel]()
            for (level, forest) in forests.enumerated() {
                let pixelCount = anchors[level].count
                guard offsets[level].count == pixelCount, forest.featuresNeeded <= pixelCount else {
                    throw reader.error("cascade level \(level) has \(pixelCount) anchors and \(offsets[level].count) "
                                       + "offsets; its trees read \(forest.featuresNeeded) feature pixels", at: offsetsStart)
                }
                levels.append(CascadeLevel(anchors: anchors[level], offsets: offsets[level], forest: forest))
            }
            self.levels = levels
        } catch let error as DlibFormatError {
            throw .malformed(error)
        } catch {
            throw .malformed(DlibFormatError(file: path, offset: 0, reason: "\(error)"))
        }
    }

    /// The landmarks of the face in `box`, in image pixels.
    ///
    /// A dlib `rectangle(l, t, r, b)` is the box `Rect(dlibLeft: l, top: t, right: r, bottom: b)`;
    /// the predictor stretches its mean shape from the box's first pixel to its last (`x` to
    /// `x + width − 1`), as dlib does. Gray images are read as they are and RGB ones as
    /// `(r + g + b) / 3` in integers, dlib's `get_pixel_intensity`; pixels outside the image
    /// read as 0. With `rounded` (the default) the points are rounded to whole pixels as dlib
    /// rounds them into its `full_object_detection`, which face chips and descriptors expect
    /// for identical results; pass `false` for sub-pixel positions.
    public func landmarks(in image: Image, box: Rect, rounded: Bool = true) -> [Point] {
        let boxToImage = AffineMap(m00: Double(box.width) - 1, m01: 0, m10: 0, m11: Double(box.height) - 1,
                                   translation: SIMD2(Double(box.x), Double(box.y)))
        let meanPoints = points(of: meanShape)
        var shape = meanShape
        let featureCount = levels.map(\.anchors.count).max() ?? 0
        var features = [Float](repeating: 0, count: featureCount)
        var pixelIndices = [Int](repeating: 0, count: featureCount)
        var leafScratch = [Int](repeating: 0, count: levels.map(\.forest.treeCount).max() ?? 0)

        image.pixels.withUnsafeBufferPointer { pixels in
            for level in levels {
                // How the shape has turned and grown since the mean shape; the feature pixels
                // turn and grow with it. dlib applies it in single precision.
                let motion = AffineMap.similarity(from: meanPoints, to: points(of: shape)) ?? .identity
                let (a, b, c, d) = (Float(motion.m00), Float(motion.m01), Float(motion.m10), Float(motion.m11))
                for (i, (anchor, offset)) in zip(level.anchors, level.offsets).enumerated() {
                    let x: Float = (a * offset.x + b * offset.y) + shape[2 * anchor]
                    let y: Float = (c * offset.x + d * offset.y) + shape[2 * anchor + 1]
                    pixelIndices[i] = Self.pixelIndex(in: image, nearest: boxToImage.apply(SIMD2(Double(x), Double(y))))
                }
                // Reading the pixels in a separate pass lets many of these scattered (and, in a
                // large photo, uncached) reads be in flight at once.
                for i in 0..<level.anchors.count {
                    features[i] = Self.intensity(pixels, at: pixelIndices[i], channels: image.channels)
                }
                features.withUnsafeBufferPointer { features in
                    shape.withUnsafeMutableBufferPointer { shape in
                        leafScratch.withUnsafeMutableBufferPointer { scratch in
                            level.forest.accumulate(features: features, into: shape, leafScratch: scratch)
                        }
                    }
                }
            }
        }
        return points(of: shape).map { p in
            let inImage = boxToImage.apply(p)
            return Point(rounded ? Self.roundedLikeDlib(inImage) : inImage)
        }
    }

    private func points(of shape: [Float]) -> [SIMD2<Double>] {
        (0..<landmarkCount).map { SIMD2(Double(shape[2 * $0]), Double(shape[2 * $0 + 1])) }
    }

    /// dlib's conversion of a real point to a pixel: `floor(v + 0.5)`, halves rounding up.
    private static func roundedLikeDlib(_ p: SIMD2<Double>) -> SIMD2<Double> {
        (p + 0.5).rounded(.down)
    }

    /// Where in `image.pixels` the pixel nearest to `p` starts (dlib rounds with
    /// `floor(v + 0.5)`), or −1 when it lies outside the image, NaN included.
    private static func pixelIndex(in image: Image, nearest p: SIMD2<Double>) -> Int {
        // For v + 0.5 ≥ 0, truncation is the floor, and below 0 the pixel is outside anyway.
        let shifted = p + 0.5
        guard shifted.x >= 0, shifted.x < Double(image.width), shifted.y >= 0, shifted.y < Double(image.height) else {
            return -1
        }
        return (Int(shifted.y) * image.width + Int(shifted.x)) * image.channels
    }

    /// dlib's `get_pixel_intensity`: gray as it is, RGB as `(r + g + b) / 3` in integers; 0 for
    /// a pixel outside the image (index −1).
    private static func intensity(_ pixels: UnsafeBufferPointer<UInt8>, at index: Int, channels: Int) -> Float {
        guard index >= 0 else { return 0 }
        guard channels == 3 else { return Float(pixels[index]) }
        return Float((Int(pixels[index]) + Int(pixels[index + 1]) + Int(pixels[index + 2])) / 3)
    }
}
