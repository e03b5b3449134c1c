import Foundation

/// A trained recogniser for a fixed set of people: an optional triplet head, a classifier, and
/// the threshold calibrated for it, saved together in one versioned file.
///
///     var model = try TrainingRecipe(classifier: .svm).fit(members)
///     model.calibration = try OpenSetCalibration(recipe: recipe, data: members, targetFalseAcceptRate: 0.01)
///     try model.save(to: "members.model")
///     let loaded = try RecognitionModel(contentsOf: "members.model")
///     try loaded.predict(descriptor).label    // a member, or nil for a stranger
///
/// The file is JSON. It holds descriptors or weights derived from them, never photos; it names
/// the embedding it was trained on, and loading refuses a file made for another embedding or
/// by a newer version of Footfall.
public struct RecognitionModel: Sendable {
    /// The first field of every model file.
    public static let format = "footfall-recognition-model"
    /// The file layout this build writes; it reads this version and older ones.
    public static let version = 1

    public let embedding: EmbeddingSignature
    public let kind: ClassifierKind
    public let enrolment: EnrolmentStrategy
    public let head: TripletHead?
    public private(set) var classifier: any DescriptorClassifier
    /// The people the model knows, sorted.
    public let people: [String]
    /// The rejection threshold's origin; setting it moves the classifier's threshold, and nil
    /// makes the model accept every candidate (closed set).
    public var calibration: OpenSetCalibration? {
        didSet { classifier.threshold = calibration?.threshold ?? classifier.scoreOrder.acceptingEverything }
    }

    init(embedding: EmbeddingSignature, kind: ClassifierKind, enrolment: EnrolmentStrategy, head: TripletHead?,
         classifier: any DescriptorClassifier, people: [String]) {
        self.embedding = embedding
        self.kind = kind
        self.enrolment = enrolment
        self.head = head
        self.classifier = classifier
        self.people = people
    }

    /// The name for a descriptor from ``embedding``, or an unknown prediction for a stranger.
    public func predict(_ descriptor: FaceDescriptor) throws -> Prediction {
        guard descriptor.count == embedding.dimension else {
            throw RecognitionModelError.wrongDescriptorLength(expected: embedding.dimension, found: descriptor.count)
        }
        return try classifier.predict(head?.project(descriptor) ?? descriptor)
    }

    /// The candidate and score for each descriptor, rejection not applied: the closed-set
    /// answer, and the scores calibration needs.
    public func candidateScores(_ descriptors: [FaceDescriptor]) throws -> [Prediction] {
        var open = self
        open.calibration = nil
        return try descriptors.map(open.predict)
    }
}

extension RecognitionModel {
    /// The file's layout; `state` is the classifier's own encoding, of the type `classifier` names.
    private struct File<State: DescriptorClassifier>: Codable {
        var format: String
        var version: Int
        var embedding: EmbeddingSignature
        var classifier: ClassifierKind
        var enrolment: EnrolmentStrategy
        var people: [String]
        var calibration: OpenSetCalibration?
        var head: TripletHead?
        var state: State
    }

    /// A kNN model keeps every descriptor: a million faces of 128 values take about 1.5 GB of
    /// JSON, so anything larger is not a model worth parsing.
    static let largestFile = 2 << 30

    /// Writes the model atomically: a reader never sees half a file.
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        func encoded<State: DescriptorClassifier>(_ state: State) throws -> Data {
            try encoder.encode(File(format: Self.format, version: Self.version, embedding: embedding, classifier: kind,
                                    enrolment: enrolment, people: people, calibration: calibration, head: head, state: state))
        }
        let data = try encoded(classifier)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RecognitionModelError.unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads a model saved by ``save(to:)``, checking that it was trained on descriptors of
    /// `embedding`.
    public init(contentsOf path: String, expecting embedding: EmbeddingSignature = .dlibResNet) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= Self.largestFile else {
            throw RecognitionModelError.unreadable(path: path, reason: "\(size) bytes, more than any model of up to a million faces")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw RecognitionModelError.unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(data: data, path: path, expecting: embedding)
    }

    /// Reads a model from the bytes of a model file; `path` names it in errors.
    public init(data: Data, path: String, expecting embedding: EmbeddingSignature = .dlibResNet) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        struct Identity: Decodable { var format: String?; var version: Int?; var classifier: String? }
        guard let identity = try? decoder.decode(Identity.self, from: data), identity.format == Self.format,
              let version = identity.version else {
            // A model file cut short is no longer JSON but still names its format near the start.
            if data.prefix(4096).range(of: Data(Self.format.utf8)) != nil {
                throw RecognitionModelError.damaged(path: path, reason: "it is not complete JSON (truncated?)")
            }
            throw RecognitionModelError.notAModel(path: path)
        }
        guard version <= Self.version else {
            throw RecognitionModelError.newerVersion(path: path, found: version, supported: Self.version)
        }
        guard let kind = identity.classifier.flatMap(ClassifierKind.init(rawValue:)) else {
            throw RecognitionModelError.damaged(path: path, reason: "unknown classifier \(identity.classifier ?? "(none)")")
        }
        func decoded<State: DescriptorClassifier>(_ type: State.Type) throws -> RecognitionModel {
            let file = try decoder.decode(File<State>.self, from: data)
            var model = RecognitionModel(embedding: file.embedding, kind: file.classifier, enrolment: file.enrolment,
                                         head: file.head, classifier: file.state, people: file.people)
            model.calibration = file.calibration
            return model
        }
        do {
            self = try decoded(kind.classifierType)
            try classifier.validate(dimension: head?.outputDimension ?? self.embedding.dimension)
        } catch let error as LearningError {
            throw RecognitionModelError.damaged(path: path, reason: error.description)
        } catch let error as TripletError {
            throw RecognitionModelError.damaged(path: path, reason: error.description)
        } catch {
            throw RecognitionModelError.damaged(path: path, reason: String(describing: error))
        }
        guard self.embedding == embedding else {
            throw RecognitionModelError.otherEmbedding(path: path, found: self.embedding, expected: embedding)
        }
        if let head, head.inputDimension != embedding.dimension {
            throw RecognitionModelError.damaged(path: path, reason: "its triplet head takes \(head.inputDimension) values")
        }
    }
}

/// Why a recognition model could not be used, saved or read.
public enum RecognitionModelError: Error, CustomStringConvertible, Sendable {
    case wrongDescriptorLength(expected: Int, found: Int)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case notAModel(path: String)
    case newerVersion(path: String, found: Int, supported: Int)
    case otherEmbedding(path: String, found: EmbeddingSignature, expected: EmbeddingSignature)
    case damaged(path: String, reason: String)

    public var description: String {
        switch self {
        case let .wrongDescriptorLength(expected, found):
            "a descriptor has \(found) values but the model takes \(expected): describe faces with the model's embedding"
        case let .unreadable(path, reason):
            "\(path): cannot be read (\(reason))"
        case let .unwritable(path, reason):
            "\(path): cannot be written (\(reason)); check the folder exists and has space"
        case let .notAModel(path):
            "\(path) is not a Footfall recognition model: make one with `footfall train --out`"
        case let .newerVersion(path, found, supported):
            "\(path) is a version \(found) model but this Footfall reads up to version \(supported): upgrade Footfall"
        case let .otherEmbedding(path, found, expected):
            "\(path) was trained on descriptors of \(found), but faces are described by \(expected): "
                + "train the model again with this embedding"
        case let .damaged(path, reason):
            "\(path) is damaged: \(reason); train the model again"
        }
    }
}
