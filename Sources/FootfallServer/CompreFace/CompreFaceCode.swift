/// CompreFace's error codes, which its clients and SDKs branch on. Footfall answers with the same
/// code where it has one for the case; its own refusals (the enrolment gates) use 100 and up.
enum CompreFaceCode {
    static let generic = 0
    static let emptyField = 5
    static let serviceKeyNotFound = 10
    static let missingAPIKey = 20
    static let badImage = 21
    static let badRequest = 26
    static let noFace = 28
    static let severalFaces = 31
    static let missingParameter = 33
    static let missingImage = 34
    static let badSubjectName = 36
    static let wrongEmbeddingCount = 37
    static let subjectNotFound = 42
    static let subjectExists = 43
    static let imageNotFound = 44
    /// Footfall's: an unknown key (CompreFace says 10, "service not found").
    static let invalidAPIKey = serviceKeyNotFound
    /// Footfall's: the key's role does not allow the endpoint.
    static let forbidden = 101
    /// Footfall's: the face was found but refused as a sample (too small, blurred, turned away).
    static let refusedSample = 100
}
