import Faces
import Testing

/// The MTCNN cascade with stand-in networks whose answers are fixed, so that every box and
/// landmark of the result can be worked out by hand from the ports' formulas.
@Suite struct MTCNNPipelineTests {
    /// PNet finds faces only on the first pyramid level, in the given map cells with the given
    /// probabilities; RNet and ONet answer the patches with the given verdicts, in batch order
    /// (which is the order of the previous stage's scores, best first).
    struct StandInNetworks: MTCNN.Networks {
        var firstLevelWidth: Int
        var faceCells: [(i: Int, j: Int, probability: Float)]
        var rnet: [(probability: Float, offsets: [Float])]
        var onet: [(probability: Float, offsets: [Float], landmarks: [Float])]

        func runPNet(_ input: MTCNN.NetworkInput) throws -> MTCNN.PNetOutput {
            // PNet's map: a 3×3 convolution, 2×2 pooling rounded up, two more 3×3 convolutions.
            let mapWidth = (input.width - 1) / 2 - 4, mapHeight = (input.height - 1) / 2 - 4
            var probabilities = [Float](repeating: 0, count: mapWidth * mapHeight * 2)
            for cell in 0..<(mapWidth * mapHeight) { probabilities[2 * cell] = 1 }
            if input.width == firstLevelWidth {
                for (i, j, probability) in faceCells {
                    probabilities[2 * (i * mapHeight + j)] = 1 - probability
                    probabilities[2 * (i * mapHeight + j) + 1] = probability
                }
            }
            return MTCNN.PNetOutput(mapWidth: mapWidth, mapHeight: mapHeight,
                                    regressions: [Float](repeating: 0, count: mapWidth * mapHeight * 4),
                                    probabilities: probabilities)
        }

        func runRNet(_ input: MTCNN.NetworkInput) throws -> MTCNN.RNetOutput {
            #expect(input.width == 24 && input.height == 24 && input.count == rnet.count)
            return MTCNN.RNetOutput(regressions: rnet.flatMap(\.offsets),
                                    probabilities: rnet.flatMap { [1 - $0.probability, $0.probability] })
        }

        func runONet(_ input: MTCNN.NetworkInput) throws -> MTCNN.ONetOutput {
            #expect(input.width == 48 && input.height == 48 && input.count == onet.count)
            return MTCNN.ONetOutput(regressions: onet.flatMap(\.offsets), landmarks: onet.flatMap(\.landmarks),
                                    probabilities: onet.flatMap { [1 - $0.probability, $0.probability] })
        }
    }

    /// minFaceSize 24 on a 100×100 image: the first level is scale 0.5, 50×50, where cell (i, j)
    /// is the window x1 = (2i + 1)/0.5 = 4i + 2, x2 = (2i + 12)/0.5 = 4i + 24 (y alike).
    private let options = MTCNN.Options(minFaceSize: 24)
    private let image = Image(width: 100, height: 100, channels: 3)

    @Test func oneFaceThroughAllThreeStages() throws {
        let landmarks: [Float] = [0.25, 0.75, 0.5, 0.3, 0.7, 0.3, 0.3, 0.5, 0.75, 0.75]
        let networks = StandInNetworks(firstLevelWidth: 50, faceCells: [(5, 5, 0.95)],
                                       rnet: [(0.8, [0.1, 0, 0, 0])],
                                       onet: [(0.95, [0, 0, 0.1, 0], landmarks)])
        let faces = try MTCNN(networks: networks, options: options).detect(in: image)
        // PNet: cell (5, 5) → (22, 22, 44, 44), already square and whole.
        // RNet: x1 += 0.1 · 23 → (24.3, 22, 44, 44); squared to side 22 around x = 34.15:
        //       (23.15, 22, 45.15, 44).
        // ONet sees the whole-pixel box (23, 22, 45, 44), 23 × 23 pixels from (22, 21):
        //       landmark x = 23·f + 22, y = 23·f + 21; the box becomes (23, 22, 45 + 2.3, 44).
        // Reported: x 23, y 22, width ⌊47.3 − 23⌋ = 24, height ⌊44 − 22⌋ = 22.
        let face = try #require(faces.first)
        #expect(faces.count == 1)
        #expect(face.box == Rect(x: 23, y: 22, width: 24, height: 22))
        #expect(face.confidence == 0.95)
        let expected = (0..<5).map { Point(x: 23 * landmarks[$0] + 22, y: 23 * landmarks[5 + $0] + 21) }
        let points = try #require(face.landmarks)
        #expect(points.count == 5)
        for (p, q) in zip(points, expected) { #expect(abs(p.x - q.x) < 1e-4 && abs(p.y - q.y) < 1e-4) }
    }

    @Test func facesComeMostConfidentFirstAndThresholdsAndMaxFacesApply() throws {
        // Three far-apart windows, in PNet's order of scores: (2, 2) → (10, 10, 32, 32),
        // (10, 2) → (42, 10, 64, 32), (2, 10) → (10, 42, 32, 64). RNet drops the third (0.7 is
        // not above 0.7) and ranks the second first; ONet scores that one 0.99, the other 0.8.
        let none: [Float] = [0, 0, 0, 0]
        let noPoints = [Float](repeating: 0.5, count: 10)
        let networks = StandInNetworks(firstLevelWidth: 50, faceCells: [(2, 2, 0.95), (10, 2, 0.9), (2, 10, 0.85)],
                                       rnet: [(0.9, none), (0.95, none), (0.7, none)],
                                       onet: [(0.99, none, noPoints), (0.8, none, noPoints)])
        let faces = try MTCNN(networks: networks, options: options).detect(in: image)
        #expect(faces.map(\.confidence) == [0.99, 0.8])
        #expect(faces.map(\.box) == [Rect(x: 42, y: 10, width: 22, height: 22), Rect(x: 10, y: 10, width: 22, height: 22)])

        var limited = options
        limited.maxFaces = 1
        #expect(try MTCNN(networks: networks, options: limited).detect(in: image).map(\.confidence) == [0.99])

        var strict = options
        strict.thresholds.onet = 0.9
        #expect(try MTCNN(networks: networks, options: strict).detect(in: image).map(\.confidence) == [0.99])
    }

    @Test func boxesAreClippedToTheImage() throws {
        // Window (0, 0) → (2, 2, 24, 24); ONet pushes the top-left corner 0.5 · 23 out and the
        // bottom-right 10 · 23 past the image: x1 = −9.5 → 0, x2 = 254 → clipped at 100.
        let networks = StandInNetworks(firstLevelWidth: 50, faceCells: [(0, 0, 0.95)],
                                       rnet: [(0.9, [0, 0, 0, 0])],
                                       onet: [(0.9, [-0.5, -0.5, 10, 10], [Float](repeating: 0.5, count: 10))])
        let faces = try MTCNN(networks: networks, options: options).detect(in: image)
        #expect(faces.map(\.box) == [Rect(x: 0, y: 0, width: 100, height: 100)])
    }

    @Test func imagesWithoutLevelsOrCandidatesGiveNoFaces() throws {
        let networks = StandInNetworks(firstLevelWidth: 50, faceCells: [], rnet: [], onet: [])
        let detector = try MTCNN(networks: networks, options: options)
        #expect(try detector.detect(in: image).isEmpty)
        #expect(try detector.detect(in: Image(width: 23, height: 400, channels: 3)).isEmpty)
        #expect(try detector.detect(in: Image(width: 0, height: 0, channels: 1)).isEmpty)
    }

    @Test func outputsOfTheWrongSizeAreReported() throws {
        // RNet answers one patch with the offsets of none.
        let networks = StandInNetworks(firstLevelWidth: 50, faceCells: [(5, 5, 0.95)],
                                       rnet: [(0.9, [])], onet: [])
        #expect(throws: MTCNNError.self) { try MTCNN(networks: networks, options: options).detect(in: image) }
    }
}
