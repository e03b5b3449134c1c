/// Why a triplet head could not be built or trained.
public enum TripletError: Error, CustomStringConvertible, Sendable {
    case invalidDimensions(input: Int, output: Int)
    case mismatchedWeights(expected: Int, got: Int)
    case mismatchedCounts(descriptors: Int, labels: Int)
    case wrongDescriptorLength(expected: Int, got: Int)
    case tooFewPeople(Int)
    case invalidOptions(String)

    public var description: String {
        switch self {
        case let .invalidDimensions(input, output):
            "a triplet head needs positive dimensions, got \(output) × \(input)"
        case let .mismatchedWeights(expected, got):
            "the weights hold \(got) values but the head needs \(expected): give output × input values (and output bias values)"
        case let .mismatchedCounts(descriptors, labels):
            "\(descriptors) descriptors but \(labels) labels: give one label per descriptor"
        case let .wrongDescriptorLength(expected, got):
            "a descriptor has \(got) values but the head takes \(expected): embed with the same model the head was built for"
        case let .tooFewPeople(count):
            "only \(count) people have two or more descriptors: triplet training needs at least two such people"
        case let .invalidOptions(reason):
            reason
        }
    }
}
