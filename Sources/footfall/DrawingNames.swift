import Foundation

/// Where `detect --draw` writes each annotated image: `FOLDER/NAME.jpg` after the input's file
/// name, so that names stay recognisable; inputs that share a file name (`a/x.jpg`, `b/x.jpg`)
/// are told apart by the folders above them (`a_x.jpg`, `b_x.jpg`), and by a number when even
/// their full paths flatten alike. No input overwrites another's drawing.
struct DrawingNames: Sendable {
    private let names: [String: String]

    init(files: [String], folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stems = files.map { URL(fileURLWithPath: $0).standardizedFileURL.deletingPathExtension().pathComponents.filter { $0 != "/" } }
        var depth = [Int](repeating: 1, count: files.count)
        func name(_ index: Int) -> String { stems[index].suffix(depth[index]).joined(separator: "_") }
        // Lengthen clashing names one folder at a time until they differ or run out of folders.
        while true {
            let clashing = Dictionary(grouping: files.indices, by: name).values.filter { $0.count > 1 }.joined()
            let growable = clashing.filter { depth[$0] < stems[$0].count }
            if growable.isEmpty { break }
            for index in growable { depth[index] += 1 }
        }
        var taken = Set<String>(), names = [String: String]()
        for index in files.indices where names[files[index]] == nil {
            var candidate = name(index) + ".jpg", number = 2
            while !taken.insert(candidate).inserted {
                candidate = "\(name(index))-\(number).jpg"
                number += 1
            }
            names[files[index]] = (folder as NSString).appendingPathComponent(candidate)
        }
        self.names = names
    }

    func path(for file: String) -> String { names[file]! }
}
