/// Why a verification threshold could not be calibrated.
public enum CalibrationError: Error, CustomStringConvertible, Sendable {
    case mismatchedCounts(descriptors: Int, labels: Int)
    case noGenuinePairs
    case noImpostorPairs
    case invalidFalseAcceptRate(Double)

    public var description: String {
        switch self {
        case let .mismatchedCounts(descriptors, labels):
            "\(descriptors) descriptors but \(labels) labels: give one label per descriptor"
        case .noGenuinePairs:
            "no two descriptors share a label: calibration needs at least one person with two faces"
        case .noImpostorPairs:
            "all descriptors share one label: calibration needs at least two people"
        case let .invalidFalseAcceptRate(rate):
            "target false-accept rate \(rate) is outside 0...1"
        }
    }
}
