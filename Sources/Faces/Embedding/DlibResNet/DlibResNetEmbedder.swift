/// 128-d face descriptors from dlib's face recognition ResNet (99.38% on LFW), computed the way
/// dlib's `compute_face_descriptor` does, so galleries made with dlib or face_recognition stay
/// valid.
///
/// The pipeline for a face in a photo is: 5 landmarks from dlib's shape predictor inside the
/// face box → a 150×150 chip aligned to dlib's template (padding 0.25) → the network. Faces that
/// are already aligned chips skip the first two steps.
///
///     let embedder = try DlibResNetEmbedder()                 // models from the cache
///     let image = try Image(contentsOf: "obama.jpg")
///     let descriptors = try embedder.descriptors(in: image, boxes: [box])
///     descriptors[0].distance(to: other) < 0.6               // same person
///
/// One embedder serves concurrent callers.
public final class DlibResNetEmbedder: Sendable {
    public static let chipSize = 150
    public static let chipPadding = 0.25

    public let network: DlibNetwork
    public let shapePredictor: ShapePredictor

    /// Uses an already loaded network and 5-point shape predictor.
    public init(network: DlibNetwork, shapePredictor: ShapePredictor) throws(EmbedderError) {
        guard network.input.rows == Self.chipSize, network.input.columns == Self.chipSize else {
            throw .unexpectedInput(rows: network.input.rows, columns: network.input.columns)
        }
        guard shapePredictor.landmarkCount == 5 else {
            throw .unexpectedShapePredictor(landmarks: shapePredictor.landmarkCount)
        }
        self.network = network
        self.shapePredictor = shapePredictor
    }

    /// Loads `dlib_face_recognition_resnet_model_v1.dat` and `shape_predictor_5_face_landmarks.dat`
    /// from the model cache (`footfall models install` puts them there).
    public convenience init(models: ModelStore = ModelStore()) throws {
        try self.init(network: DlibNetwork(contentsOf: models.path(for: .dlibFaceRecognitionResNet)),
                      shapePredictor: ShapePredictor(contentsOf: models.path(for: .shapePredictor5)))
    }

    /// The 5 landmarks of the face in `box`, in the shape predictor's order.
    public func landmarks(in image: Image, box: Rect) -> [Point] {
        shapePredictor.landmarks(in: image, box: box)
    }

    /// The aligned 150×150 RGB chip of a face given its 5 landmarks.
    public func chip(in image: Image, landmarks5: [Point]) throws -> Image {
        try image.faceChip(FaceChipDetails(landmarks5: landmarks5, size: Self.chipSize, padding: Self.chipPadding))
    }

    /// Descriptors of aligned 150×150 chips (RGB, or gray which counts as RGB), in order.
    ///
    /// Chips run through the network `batchSize` at a time; `threads` is the parallelism inside
    /// each batch.
    public func descriptors(chips: [Image], batchSize: Int = 16, threads: Int = 1) throws -> [FaceDescriptor] {
        var result = [FaceDescriptor]()
        result.reserveCapacity(chips.count)
        for start in stride(from: 0, to: chips.count, by: max(batchSize, 1)) {
            let batch = chips[start..<min(start + max(batchSize, 1), chips.count)]
            let pixels = try batch.map { chip in
                guard chip.width == Self.chipSize, chip.height == Self.chipSize else {
                    throw EmbedderError.wrongChipSize(width: chip.width, height: chip.height)
                }
                return chip.rgb().pixels
            }
            let outputs = try network.outputs(forRGB: pixels, rows: Self.chipSize, columns: Self.chipSize, threads: threads)
            result += outputs.map(FaceDescriptor.init)
        }
        return result
    }

    /// One descriptor per face box in `image`.
    ///
    /// With `jitters` above 1 each face's descriptor is the mean over that many randomly
    /// jittered copies of its chip (dlib's `num_jitters`), reproducible with `seed`; 0 or 1 means
    /// no jitter, as in dlib.
    public func descriptors(in image: Image, boxes: [Rect], jitters: Int = 0, seed: UInt64 = 0,
                            threads: Int = 1) throws -> [FaceDescriptor] {
        let chips = try boxes.map { try chip(in: image, landmarks5: landmarks(in: image, box: $0)) }
        return try descriptors(chips: chips, jitters: jitters, seed: seed, threads: threads)
    }

    /// Descriptors of aligned chips, each averaged over `jitters` jittered copies when
    /// `jitters > 1`.
    public func descriptors(chips: [Image], jitters: Int, seed: UInt64 = 0, threads: Int = 1) throws -> [FaceDescriptor] {
        try descriptors(chips: chips, augmentation: Augmentation(jitters: jitters, seed: seed), threads: threads)
    }

    /// Descriptors of aligned chips, each averaged over the copies `augmentation` asks for.
    public func descriptors(chips: [Image], augmentation: Augmentation, threads: Int = 1) throws -> [FaceDescriptor] {
        guard augmentation.jitters > 1 else {
            guard augmentation.mirror else { return try descriptors(chips: chips, threads: threads) }
            // Each chip and its mirror image side by side in one batch, then pairwise means.
            let both = try descriptors(chips: chips.flatMap { [$0, $0.oriented(.upMirrored)] }, threads: threads)
            return stride(from: 0, to: both.count, by: 2).map { FaceDescriptor.mean([both[$0], both[$0 + 1]])! }
        }
        let jitters = augmentation.jitters
        var generator = SeededGenerator(seed: augmentation.seed)
        return try chips.map { chip in
            let copies = (0..<jitters).map { _ in ChipJitter.jittered(chip.rgb(), using: &generator) }
            return FaceDescriptor.mean(try descriptors(chips: copies, threads: threads))!
        }
    }
}

/// Why the embedder could not be set up or fed.
public enum EmbedderError: Error, CustomStringConvertible, Sendable, Equatable {
    case unexpectedInput(rows: Int?, columns: Int?)
    case unexpectedShapePredictor(landmarks: Int)
    case wrongChipSize(width: Int, height: Int)

    public var description: String {
        switch self {
        case let .unexpectedInput(rows, columns):
            "the network takes \(rows.map(String.init) ?? "any")×\(columns.map(String.init) ?? "any") images, not 150×150 face chips: is this dlib_face_recognition_resnet_model_v1.dat?"
        case let .unexpectedShapePredictor(landmarks):
            "alignment needs the 5-point shape predictor, this one finds \(landmarks) points: use shape_predictor_5_face_landmarks.dat"
        case let .wrongChipSize(width, height):
            "a face chip is 150×150 pixels, this image is \(width)×\(height); pass photos with face boxes instead of chips"
        }
    }
}
