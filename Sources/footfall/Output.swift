import Faces
import Foundation

/// Writes a message to standard error, where diagnostics belong so that standard output stays
/// machine-readable.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Pretty-printed JSON with stable key order.
func jsonString(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// A coordinate without a needless ".0".
func formatNumber(_ value: Float) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
}

/// A box as the text and CSV outputs print it: `x,y,width,height`.
func formatBox(_ box: Rect) -> String {
    [box.x, box.y, box.width, box.height].map(formatNumber).joined(separator: ",")
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
func csvField(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
