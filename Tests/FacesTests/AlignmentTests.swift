import Foundation
import Testing
import Faces
import TestSupport

/// Face chip placement on synthetic landmarks, where the answer is known by construction.
@Suite struct AlignmentTests {
    /// dlib's 5-point chip template (`get_face_chip_details`), as fractions of a chip without padding.
    private let template: [SIMD2<Double>] = [
        SIMD2(0.8595674595992, 0.2134981538014), SIMD2(0.6460604764104, 0.2289674387677),
        SIMD2(0.1205750620789, 0.2137274526848), SIMD2(0.3340850613712, 0.2290642403242),
        SIMD2(0.4901123135679, 0.6277975316475),
    ]

    /// Where the template puts the landmarks in a `size` chip with `padding`.
    private func chipPositions(size: Int, padding: Double) -> [SIMD2<Double>] {
        template.map { ($0 + padding) / (1 + 2 * padding) * Double(size) }
    }

    @Test func landmarksOnATurnedScaledTemplateGiveThatTurnAndScale() throws {
        let (scale, angle, shift) = (2.5, 0.2, SIMD2(300.0, 200.0))
        let truth = AffineMap.scaling(scale).then(.rotation(angle)).then(.translation(dx: shift.x, dy: shift.y))
        let landmarks = chipPositions(size: 150, padding: 0.25).map { Point(truth.apply($0)) }
        let details = try FaceChipDetails(landmarks5: landmarks)
        #expect(details.size == 150)
        #expect(abs(details.angle - angle) < 1e-6)
        #expect(abs(details.scale - scale) < 1e-5)
        // dlib's chip: its centre (pixel 74.5) is the template centre (75, 75) carried into the
        // image, and its pixels span the region's inclusive width, size·scale − 1, in size − 1
        // steps, so they are slightly wider apart than `scale`.
        let chip = details.chipToImage
        let centre = chip.apply(SIMD2(repeating: 74.5)), expectedCentre = truth.apply(SIMD2(75, 75))
        #expect(abs(centre.x - expectedCentre.x) < 1e-3 && abs(centre.y - expectedCentre.y) < 1e-3)
        let step = (150 * scale - 1) / 149
        #expect(abs(chip.m00 - step * cos(angle)) < 1e-5 && abs(chip.m10 - step * sin(angle)) < 1e-5)
        #expect(abs(chip.m01 + step * sin(angle)) < 1e-5 && abs(chip.m11 - step * cos(angle)) < 1e-5)
    }

    @Test func paddingAndSizeChangeTheRegion() throws {
        let landmarks = chipPositions(size: 150, padding: 0.25).map { Point($0 + SIMD2(40, 60)) }
        let plain = try FaceChipDetails(landmarks5: landmarks)
        #expect(abs(plain.scale - 1) < 1e-6 && abs(plain.angle) < 1e-6)
        // More padding shows more of the image in the same 150 pixels: (1 + 2·0.5) / (1 + 2·0.25).
        let padded = try FaceChipDetails(landmarks5: landmarks, padding: 0.5)
        #expect(abs(padded.scale - 2.0 / 1.5) < 1e-6)
        // A 300-pixel chip of the same face needs half a source pixel per chip pixel.
        let large = try FaceChipDetails(landmarks5: landmarks, size: 300)
        #expect(abs(large.scale - 0.5) < 1e-6)
    }

    @Test func badInputsAreTypedErrors() {
        let five = (0..<5).map { Point(x: Float($0 * 10), y: Float($0 % 2 * 7)) }
        #expect(throws: FaceAlignmentError.wrongLandmarkCount(4)) { try FaceChipDetails(landmarks5: Array(five.prefix(4))) }
        #expect(throws: FaceAlignmentError.wrongLandmarkCount(68)) {
            try FaceChipDetails(landmarks5: Array(repeating: five[0], count: 68))
        }
        #expect(throws: FaceAlignmentError.invalidSize(1)) { try FaceChipDetails(landmarks5: five, size: 1) }
        #expect(throws: FaceAlignmentError.invalidPadding(-0.1)) { try FaceChipDetails(landmarks5: five, padding: -0.1) }
        #expect(throws: FaceAlignmentError.degenerateLandmarks) {
            try FaceChipDetails(landmarks5: Array(repeating: Point(x: 3, y: 4), count: 5))
        }
        #expect(throws: FaceAlignmentError.degenerateLandmarks) {
            try FaceChipDetails(landmarks5: five.map { Point(x: $0.x, y: .nan) })
        }
    }

    @Test func chipOfAFaceOutsideTheImageIsBlack() throws {
        let landmarks = chipPositions(size: 150, padding: 0.25).map { Point($0 + SIMD2(5000, 5000)) }
        let image = Image(width: 64, height: 48, channels: 3,
                          pixels: [UInt8](repeating: 200, count: 64 * 48 * 3))
        let chip = image.faceChip(try FaceChipDetails(landmarks5: landmarks))
        #expect(chip.width == 150 && chip.height == 150 && chip.channels == 3)
        #expect(chip.pixels.allSatisfy { $0 == 0 })
    }

    @Test func grayImageGivesTheChipOfItsRGBConversion() throws {
        let face = try #require(try ReferenceFace.bbt().first)
        let gray = try Image(contentsOf: Fixtures.data(face.image))
        try #require(gray.channels == 1)
        let details = try FaceChipDetails(landmarks5: face.landmarks5)
        let fromGray = gray.faceChip(details), fromRGB = gray.rgb().faceChip(details)
        #expect(fromGray.channels == 3)
        #expect(fromGray == fromRGB)
    }

    @Test func largeFaceUsesThePyramidAndStillFollowsTheTemplate() throws {
        // A 1200-pixel face in a synthetic image: a bright square where the template puts the
        // nose must show up where the chip template puts the nose.
        let positions = chipPositions(size: 150, padding: 0.25)
        let toImage = AffineMap.scaling(8).then(.translation(dx: 100, dy: 80))
        var image = Image(width: 1400, height: 1400, channels: 1)
        let nose = toImage.apply(positions[4])
        for y in Int(nose.y) - 40...Int(nose.y) + 40 { for x in Int(nose.x) - 40...Int(nose.x) + 40 { image[x, y, 0] = 255 } }
        let details = try FaceChipDetails(landmarks5: positions.map { Point(toImage.apply($0)) })
        #expect(abs(details.scale - 8) < 1e-5)
        let chip = image.faceChip(details)
        let chipNose = positions[4]
        #expect(chip[Int(chipNose.x), Int(chipNose.y), 0] == 255)
        #expect(chip[Int(chipNose.x) + 20, Int(chipNose.y), 0] == 0)
    }
}
