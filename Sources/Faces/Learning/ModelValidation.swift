/// A trained model tested on faces it never saw, such as a separate folder of photos: the faces
/// of people it knows should get their names, anyone else's should be turned away.
public struct ModelValidation: Sendable, Codable, Hashable {
    /// Faces of people the model knows.
    public var knownFaces: Int
    /// Known faces whose best candidate is right, whatever the threshold says.
    public var named: Int
    /// Known faces whose best candidate is right and passes the threshold.
    public var namedAtThreshold: Int
    /// Faces of people the model does not know.
    public var strangerFaces: Int
    /// Strangers' faces given a name: false accepts.
    public var acceptedStrangers: Int

    public init(model: RecognitionModel, faces: LabelledDescriptors) throws {
        let people = Set(model.people)
        let known = faces.labels.indices.filter { people.contains(faces.labels[$0]) }
        let strangers = faces.labels.indices.filter { !people.contains(faces.labels[$0]) }
        knownFaces = known.count
        named = try zip(known, model.candidateScores(known.map { faces.descriptors[$0] }))
            .filter { $0.1.candidate == faces.labels[$0.0] }.count
        namedAtThreshold = try known.filter { try model.predict(faces.descriptors[$0]).label == faces.labels[$0] }.count
        strangerFaces = strangers.count
        acceptedStrangers = try strangers.filter { try model.predict(faces.descriptors[$0]).label != nil }.count
    }
}
