/// A bar chart as SVG, drawn by the server: no script, readable without one.
enum BarChart {
    /// `bars` as (label, value); every `labelEvery`-th label is written under its bar.
    static func svg(_ bars: [(label: String, value: Int)], title: String, labelEvery: Int = 1) -> String {
        let width = 960.0, height = 220.0, bottom = 24.0, top = 16.0
        let slot = width / Double(max(bars.count, 1)), largest = max(bars.map(\.value).max() ?? 0, 1)
        var shapes = ""
        for (index, bar) in bars.enumerated() {
            let barHeight = (height - bottom - top) * Double(bar.value) / Double(largest)
            let x = Double(index) * slot + slot * 0.15, y = height - bottom - barHeight
            shapes += "<rect x=\"\(Int(x))\" y=\"\(Int(y))\" width=\"\(Int(slot * 0.7))\" height=\"\(Int(barHeight))\" fill=\"#2f7dd1\"><title>\(Page.escaped(bar.label)): \(bar.value)</title></rect>"
            if bar.value > 0 { shapes += "<text x=\"\(Int(x + slot * 0.35))\" y=\"\(Int(y - 3))\" text-anchor=\"middle\">\(bar.value)</text>" }
            if index % labelEvery == 0 {
                shapes += "<text x=\"\(Int(x + slot * 0.35))\" y=\"\(Int(height - 8))\" text-anchor=\"middle\">\(Page.escaped(bar.label))</text>"
            }
        }
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Page.escaped(title))\">\(shapes)</svg>"
    }
}
