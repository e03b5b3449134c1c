/// Why an evaluation could not be run or its input could not be read.
public enum EvaluationError: Error, CustomStringConvertible, Sendable {
    case mismatchedCounts(Int, Int)
    case malformedPairs(file: String, line: Int, reason: String)
    case tooFewPairs(String)

    public var description: String {
        switch self {
        case let .mismatchedCounts(a, b):
            "the two labelings cover \(a) and \(b) items: give one label per item in both"
        case let .malformedPairs(file, line, reason):
            "\(file):\(line): \(reason)"
        case let .tooFewPairs(reason):
            reason
        }
    }
}
