import Foundation
import Testing
import Faces
import TestSupport

/// Face chips cut from dlib's reference landmarks against the chips dlib cut from the same
/// landmarks (`get_face_chip`, size 150, padding 0.25). The gray crops are read as gray and must
/// give the chip of their RGB conversion; the scenes are large enough to need the pyramid step.
@Suite struct ChipTests {
    /// Every byte of every chip must be dlib's; returns the worst mean absolute byte difference
    /// per face and the share of bytes that match exactly.
    private func compareChips(_ faces: [ReferenceFace]) throws -> (worstMean: Double, exactShare: Double) {
        var worstMean = 0.0, exact = 0, total = 0, largest = 0
        var images = [String: Image]()
        for face in faces {
            let image = try images[face.image] ?? Image(contentsOf: Fixtures.data(face.image))
            images[face.image] = image
            let details = try FaceChipDetails(landmarks5: face.landmarks5, size: 150, padding: 0.25)
            let chip = image.faceChip(details)
            let expected = try Image(contentsOf: face.chip)
            try #require(chip.width == 150 && chip.height == 150 && chip.channels == 3)
            try #require(expected.width == 150 && expected.height == 150 && expected.channels == 3)
            let differences = zip(chip.pixels, expected.pixels).map { abs(Int($0) - Int($1)) }
            let mean = Double(differences.reduce(0, +)) / Double(differences.count)
            // measured worst: 0 (every byte of the 63 chips equal); bound: 0 (was a mean of 1.0).
            #expect(differences.allSatisfy { $0 == 0 }, "\(face): mean absolute difference \(mean), largest \(differences.max() ?? 0)")
            worstMean = max(worstMean, mean)
            largest = max(largest, differences.max() ?? 0)
            exact += differences.filter { $0 == 0 }.count
            total += differences.count
        }
        print("chips: largest byte difference \(largest)")
        return (worstMean, Double(exact) / Double(total))
    }

    @Test func grayCropChipsMatchDlib() throws {
        let faces = try ReferenceFace.bbt()
        #expect(faces.count == 40)
        let result = try compareChips(faces)
        print("chips, bbt: worst mean |diff| \(result.worstMean), \(result.exactShare * 100)% bytes exact")
    }

    @Test func sceneChipsMatchDlib() throws {
        let faces = try ReferenceFace.scenes()
        #expect(faces.count >= 13)
        let result = try compareChips(faces)
        print("chips, scenes: worst mean |diff| \(result.worstMean), \(result.exactShare * 100)% bytes exact")
    }
}
