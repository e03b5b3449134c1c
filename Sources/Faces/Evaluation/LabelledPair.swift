import Foundation

/// Two image files that show the same person or two different people, and the cross-validation
/// fold the pair belongs to.
public struct LabelledPair: Sendable, Hashable {
    public var first: String
    public var second: String
    public var same: Bool
    public var fold: Int

    public init(first: String, second: String, same: Bool, fold: Int) {
        self.first = first
        self.second = second
        self.same = same
        self.fold = fold
    }

    /// Pairs in LFW's `pairs.txt` format: a header `FOLDS N`, then per fold N matched lines
    /// `name n1 n2` and N mismatched lines `name1 n1 name2 n2`. Image n of a person is
    /// `images/name/name_000n.jpg`. Folds are the file's consecutive blocks of 2N lines, as the
    /// protocol defines them.
    public static func lfw(_ text: String, images: String, file: String = "pairs.txt") throws(EvaluationError) -> [LabelledPair] {
        var lines = text.split(whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, fields: $0.element.split(whereSeparator: \.isWhitespace).map(String.init)) }
            .filter { !$0.fields.isEmpty }
        guard let header = lines.first, header.fields.count == 2,
              let folds = Int(header.fields[0]), let perClass = Int(header.fields[1]), folds > 0, perClass > 0
        else { throw .malformedPairs(file: file, line: 1, reason: "the first line must be `FOLDS PAIRS_PER_CLASS`, like `10 300`") }
        lines.removeFirst()
        guard lines.count == folds * perClass * 2 else {
            throw .malformedPairs(file: file, line: 1, reason: "the header promises \(folds * perClass * 2) pairs but the file has \(lines.count)")
        }
        func path(_ name: String, _ number: String, line: Int) throws(EvaluationError) -> String {
            guard let n = Int(number), n > 0 else { throw .malformedPairs(file: file, line: line, reason: "`\(number)` is not an image number") }
            let digits = String(n)
            return "\(images)/\(name)/\(name)_\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits).jpg"
        }
        var pairs = [LabelledPair]()
        for (index, line) in lines.enumerated() {
            let f = line.fields, fold = index / (perClass * 2)
            switch f.count {
            case 3:
                pairs.append(LabelledPair(first: try path(f[0], f[1], line: line.number),
                                          second: try path(f[0], f[2], line: line.number), same: true, fold: fold))
            case 4:
                pairs.append(LabelledPair(first: try path(f[0], f[1], line: line.number),
                                          second: try path(f[2], f[3], line: line.number), same: false, fold: fold))
            default:
                throw .malformedPairs(file: file, line: line.number, reason: "expected `name n1 n2` or `name1 n1 name2 n2`")
            }
        }
        return pairs
    }

    /// Pairs in deepface's CSV form: a header naming the columns `file_x`, `file_y` and
    /// `Decision` (`Yes`/`No`; also `true`/`false`, `1`/`0`, `same`/`different`), paths relative
    /// to `images`. The file has no folds of its own, so pairs are dealt round-robin into `folds`
    /// folds: each fold then sees both classes even when the file lists all matches first.
    public static func csv(_ text: String, images: String, folds: Int = 10, file: String = "pairs.csv") throws(EvaluationError) -> [LabelledPair] {
        let lines = text.split(whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, fields: $0.element.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }) }
            .filter { $0.fields.contains { !$0.isEmpty } }
        guard let header = lines.first?.fields.map({ $0.lowercased() }),
              let x = header.firstIndex(of: "file_x"), let y = header.firstIndex(of: "file_y"),
              let decision = header.firstIndex(of: "decision")
        else { throw .malformedPairs(file: file, line: 1, reason: "the header must name the columns file_x, file_y and Decision") }
        var pairs = [LabelledPair]()
        for line in lines.dropFirst() {
            guard line.fields.count > max(x, y, decision) else {
                throw .malformedPairs(file: file, line: line.number, reason: "expected \(header.count) comma-separated fields")
            }
            let same: Bool
            switch line.fields[decision].lowercased() {
            case "yes", "true", "1", "same": same = true
            case "no", "false", "0", "different": same = false
            case let other: throw .malformedPairs(file: file, line: line.number, reason: "decision `\(other)` is neither Yes nor No")
            }
            pairs.append(LabelledPair(first: "\(images)/\(line.fields[x])", second: "\(images)/\(line.fields[y])",
                                      same: same, fold: pairs.count % max(folds, 1)))
        }
        return pairs
    }
}
