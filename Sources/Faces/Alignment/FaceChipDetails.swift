import Foundation

/// Where a face chip lies in its source image: dlib's `chip_details` as `get_face_chip_details`
/// makes them from five landmarks.
///
/// A face chip is a square crop turned and scaled so that the eyes and nose land on fixed
/// positions: dlib's template, averaged over many aligned faces. The face recognition network
/// was trained on chips cut this way (150×150, padding 0.25), so its descriptors are only as good
/// as the alignment is faithful.
public struct FaceChipDetails: Sendable, Equatable {
    /// The chip is `size × size` pixels.
    public let size: Int
    /// How far the chip is turned, in radians: the angle of the chip's x axis in the image.
    public let angle: Double
    /// The region of the source image the chip covers, before turning by `angle`.
    let region: ChipRegion

    /// Where the five landmarks sit in a chip without padding, as fractions of its side (dlib's
    /// `get_face_chip_details`), in the 5-point model's order: outer and inner corner of the eye
    /// on the image's right, the same for the eye on the left, then the base of the nose.
    private static let template: [SIMD2<Double>] = [
        SIMD2(0.8595674595992, 0.2134981538014),
        SIMD2(0.6460604764104, 0.2289674387677),
        SIMD2(0.1205750620789, 0.2137274526848),
        SIMD2(0.3340850613712, 0.2290642403242),
        SIMD2(0.4901123135679, 0.6277975316475),
    ]

    /// Places a chip from the 5 landmarks of ``ShapePredictor`` with the 5-point model.
    ///
    /// `padding` widens the template by that fraction of the face on every side: each template
    /// point `p` becomes `(padding + p) / (2·padding + 1) · size`. The least-squares similarity
    /// from those chip positions to the landmarks gives the chip's angle and scale, and carries
    /// the chip's centre into the image.
    public init(landmarks5: [Point], size: Int = 150, padding: Double = 0.25) throws(FaceAlignmentError) {
        guard landmarks5.count == 5 else { throw .wrongLandmarkCount(landmarks5.count) }
        guard size >= 2 else { throw .invalidSize(size) }
        guard padding >= 0, padding.isFinite else { throw .invalidPadding(padding) }

        let chipPoints = Self.template.map { ($0 + padding) / (2 * padding + 1) * Double(size) }
        guard let similarity = AffineMap.similarity(from: chipPoints, to: landmarks5.map(\.vector)) else {
            throw .wrongLandmarkCount(landmarks5.count)
        }
        // The image of the chip's unit x vector: its direction is the angle, its length the scale.
        let axis = SIMD2(similarity.m00, similarity.m10)
        let scale = (axis.x * axis.x + axis.y * axis.y).squareRoot()
        guard scale > 0, scale.isFinite, similarity.translation.x.isFinite, similarity.translation.y.isFinite else {
            throw .degenerateLandmarks
        }
        self.size = size
        self.angle = atan2(axis.y, axis.x)
        self.region = ChipRegion(center: similarity.apply(SIMD2(repeating: Double(size) / 2)),
                                 width: Double(size) * scale, height: Double(size) * scale)
    }

    /// A chip of a square region `side` pixels wide around `center`, turned by `angle` radians
    /// (dlib's `chip_details(centered_rect(center, side, side), size, angle)`).
    init(center: SIMD2<Double>, side: Double, angle: Double, size: Int) {
        self.size = size
        self.angle = angle
        self.region = ChipRegion(center: center, width: side, height: side)
    }

    /// Source image pixels per chip pixel: the scale of the landmarks' similarity to the template.
    public var scale: Double { region.width / Double(size) }

    /// Maps chip pixel coordinates to source image coordinates; its inverse carries image points
    /// (landmarks, say) into the chip.
    ///
    /// As in dlib, the chip's first and last pixel sit on the first and last pixel of a region
    /// `size · scale` pixels wide, so chip pixels are `(size · scale − 1) / (size − 1)` image
    /// pixels apart, a hair more than `scale`, and the chip's centre `(size − 1) / 2` is the
    /// template's centre `size / 2` carried into the image.
    public var chipToImage: AffineMap {
        region.chipToRegion(angle: angle, columns: size, rows: size)
    }
}
