/// Everything that decides how a ``RecognitionModel`` is trained, so that cross-validation and
/// calibration can train the same kind of model again and again on parts of the data.
///
///     let recipe = TrainingRecipe(classifier: .knn, tripletHead: TripletTrainingOptions())
///     let model = try recipe.fit(training)              // triplet head, then kNN on its outputs
///     try model.predict(descriptor).label
public struct TrainingRecipe: Sendable {
    public var classifier: ClassifierKind
    public var enrolment: EnrolmentStrategy
    /// Train a ``TripletHead`` first and classify its projections; nil classifies the
    /// descriptors themselves.
    public var tripletHead: TripletTrainingOptions?
    /// Seeds every random choice of training (SVM order, softmax validation split).
    public var seed: UInt64
    public var embedding: EmbeddingSignature

    public init(classifier: ClassifierKind, enrolment: EnrolmentStrategy = .all,
                tripletHead: TripletTrainingOptions? = nil, seed: UInt64 = 0,
                embedding: EmbeddingSignature = .dlibResNet) {
        self.classifier = classifier
        self.enrolment = enrolment
        self.tripletHead = tripletHead
        self.seed = seed
        self.embedding = embedding
    }

    /// A model trained on `training`, accepting every candidate until calibrated.
    public func fit(_ training: LabelledDescriptors) throws -> RecognitionModel {
        guard training.dimension == embedding.dimension else {
            throw RecognitionModelError.wrongDescriptorLength(expected: embedding.dimension, found: training.dimension)
        }
        var head: TripletHead?
        var examples = training
        if let options = tripletHead {
            var trained = try TripletHead(inputDimension: training.dimension, outputDimension: training.dimension)
            _ = try trained.train(descriptors: training.descriptors, labels: training.labels, options: options)
            examples = try training.mapDescriptors(trained.project)
            head = trained
        }
        var classifier = classifier.untrained(seed: seed)
        // Prototypes summarise people rather than sample them: a vote among the k nearest would
        // favour whoever was split into more clusters, so the nearest prototype decides alone.
        if enrolment != .all, var knn = classifier as? NearestNeighbourClassifier {
            knn.k = 1
            classifier = knn
        }
        try classifier.fit(enrolment.prototypes(of: examples))
        classifier.threshold = classifier.scoreOrder.acceptingEverything
        return RecognitionModel(embedding: embedding, kind: self.classifier, enrolment: enrolment, head: head,
                                classifier: classifier, people: training.classes)
    }

    /// A short name such as "triplet+knn".
    public var name: String { (tripletHead == nil ? "" : "triplet+") + classifier.rawValue }
}
