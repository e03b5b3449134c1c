import Foundation

extension ROCCurve {
    /// The curve as a small standalone SVG image: TAR against FAR on linear axes from 0 to 1,
    /// with the chance diagonal dashed and the AUC in the caption.
    public func svg(title: String = "ROC", size: Int = 400) -> String {
        let margin = 40.0, side = Double(size) - 2 * margin
        func x(_ far: Double) -> String { String(format: "%.2f", margin + far * side) }
        func y(_ tar: Double) -> String { String(format: "%.2f", margin + (1 - tar) * side) }
        let path = points.map { "\(x($0.falseAcceptRate)),\(y($0.trueAcceptRate))" }.joined(separator: " ")
        let ticks = stride(from: 0.0, through: 1.0, by: 0.2).map { v in
            let label = String(format: "%.1f", v)
            let below = String(format: "%.2f", margin + side + 15)
            return "<text x=\"\(x(v))\" y=\"\(below)\" text-anchor=\"middle\">\(label)</text>"
                + "<text x=\"\(margin - 5)\" y=\"\(y(v))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(label)</text>"
        }.joined()
        let caption = escaped(title) + String(format: " (AUC %.4f, EER %.4f)", areaUnderCurve, equalErrorRate)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(size)" height="\(size)" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            <rect x="\(margin)" y="\(margin)" width="\(side)" height="\(side)" fill="none" stroke="black"/>
            <line x1="\(x(0))" y1="\(y(0))" x2="\(x(1))" y2="\(y(1))" stroke="gray" stroke-dasharray="4 4"/>
            <polyline points="\(path)" fill="none" stroke="#1f77b4" stroke-width="2"/>
            \(ticks)
            <text x="\(Double(size) / 2)" y="\(margin - 15)" text-anchor="middle">\(caption)</text>
            <text x="\(Double(size) / 2)" y="\(Double(size) - 8)" text-anchor="middle">false accept rate</text>
            <text x="12" y="\(Double(size) / 2)" text-anchor="middle" transform="rotate(-90 12 \(Double(size) / 2))">true accept rate</text>
            </svg>

            """
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
