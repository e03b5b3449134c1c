import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and
/// there are enough inputs to be worth it. Its ``update(done:total:)`` fits
/// ``ComputePool/map(_:progress:_:)``'s progress handler.
final class ProgressBar: Sendable {
    private let label: String

    init(_ label: String) {
        self.label = label
    }

    func update(done: Int, total: Int) {
        guard total >= 8, isatty(STDERR_FILENO) != 0 else { return }
        let width = 30, filled = width * done / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    }
}
