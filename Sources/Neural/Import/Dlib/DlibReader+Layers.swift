/// Reads that only dlib's network files need, built on the primitives of ``DlibReader``.
extension DlibReader {
    /// The dimensions of a `dlib::alias_tensor` (a view into a layer's parameter tensor):
    /// version 1, then num_samples, k, nr, nc.
    mutating func readAliasShape(_ what: String) throws -> [Int] {
        let start = offset
        let version = try readInt()
        guard version == 1 else { throw error("unknown \(what) alias_tensor version \(version)", at: start) }
        return try (0..<4).map { _ in try readCount("\(what) dimension") }
    }

    /// A size read from a layer record, with the bounds dlib itself enforces.
    mutating func readSize(_ what: String, in range: ClosedRange<Int>) throws -> Int {
        let start = offset
        let value = try readInt()
        guard range.contains(value) else { throw error("\(what) is \(value), outside \(range)", at: start) }
        return value
    }

    /// The record name at the current position, if a plausible one is there, without moving.
    ///
    /// dlib's layer wrappers write only version numbers, so the parser looks ahead for a name to
    /// tell a wrapper from the layer record it holds. Names are short lowercase identifiers;
    /// version numbers (1 to 3) are far too short to read as one.
    func peekName() -> String? {
        var probe = self
        guard let name = try? probe.readString(limit: 64), name.count >= 4,
              name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                  || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return name
    }
}
