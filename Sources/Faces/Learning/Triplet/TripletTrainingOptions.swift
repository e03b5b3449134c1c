/// How a ``TripletHead`` is trained.
public struct TripletTrainingOptions: Sendable {
    /// The step rule applied to the weight gradient.
    public enum Optimizer: Sendable {
        /// Plain stochastic gradient descent.
        case sgd
        /// Adam (Kingma & Ba 2015) with its usual moment decays.
        case adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    }

    /// α: how much farther than the positive the negative must be before a triplet stops teaching.
    public var margin: Double = 0.2
    /// P: people per batch.
    public var peoplePerBatch: Int = 8
    /// K: descriptors per person per batch (fewer when a person has fewer).
    public var imagesPerPerson: Int = 4
    public var epochs: Int = 20
    public var learningRate: Double = 0.01
    public var optimizer: Optimizer = .adam()
    /// Seeds batch sampling, so the same options and data give the same head.
    public var seed: UInt64 = 0

    public init() {}
}
