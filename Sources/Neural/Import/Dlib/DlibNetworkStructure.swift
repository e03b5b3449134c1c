/// The layers of a dlib network file, flattened into a stack from the input to the output.
///
/// dlib writes a network as nested C++ wrapper objects (`dlib/dnn/core.h`), outermost first:
///
/// - `add_loss_layer`: version 1, the loss record, then the network below it;
/// - `add_layer`: version 2, the network below it, then its layer record and training state
///   (three flags and the x_grad, cached output and params_grad tensors). On the input layer it
///   is version 2 or 3 and writes the input record instead of a network below, then its record,
///   state and (version 3) the sample expansion factor;
/// - `add_tag_layer` and `add_skip_layer`: version 1, then the network below. A tag directly on
///   the input writes the input record, two state tensors and a flag instead;
/// - `repeat`: version 1, the block count, each block (nearest the output first), then the
///   network below the blocks. Blocks sit on an empty input, so their innermost wrapper writes
///   no input record (a tag there writes just its state).
///
/// Nothing in the bytes names a wrapper: the wrapper kind follows from its version number and
/// from what comes next, which ``parse(_:)`` tries in turn, backtracking when a reading fails.
/// Tags and skips write identical bytes and neither writes its tag number, so both come out as
/// ``Entry/Content/marker`` and ``DlibGraphBuilder`` tells them apart.
struct DlibNetworkStructure {
    struct Entry {
        enum Content {
            case layer(DlibLayerRecord)
            /// An `add_tag_layer` or an `add_skip_layer`.
            case marker
        }

        var content: Content
        /// Where the wrapper's version number is: wrappers appear in the file in dlib's
        /// `layer<N>` order, so ranking these offsets gives each layer its number.
        var offset: Int
    }

    var loss: DlibLossLayer
    var input: DlibInputLayer
    /// From the input to the output.
    var entries: [Entry]

    /// Reads a whole network file.
    static func parse(_ reader: DlibReader) throws -> DlibNetworkStructure {
        var parser = Parser(reader: reader)
        return try parser.network()
    }
}

private struct Parser {
    var reader: DlibReader
    /// Subnetwork readings tried so far, to bound the work a hostile file can cause.
    private var attempts = 0
    private var depth = 0
    /// Readings known to fail, by offset and context: a wrong guess high up must not retry the
    /// same failing readings below it for every combination of guesses (a truncated file would
    /// otherwise take exponential time).
    private var failures: [Int: DlibFormatError] = [:]
    private static let attemptLimit = 1_000_000
    private static let depthLimit = 4096

    init(reader: DlibReader) {
        self.reader = reader
    }

    /// Inside a `repeat` block the innermost wrapper sits on an empty input.
    private enum Context {
        case network
        case repeatBlock
    }

    /// A run of wrappers down to an input: the input (nil in a repeat block) and the entries.
    private struct Stack {
        var input: DlibInputLayer?
        var entries: [DlibNetworkStructure.Entry]
    }

    mutating func network() throws -> DlibNetworkStructure {
        let version = try? reader.readInt()
        guard version == 1, reader.peekName() != nil else {
            throw DlibFormatError(file: reader.file, offset: 0, reason:
                "not a dlib network: a network file starts with its loss layer (version 1, then a name such as loss_metric_2)")
        }
        let loss = try DlibLossLayer.read(&reader)
        let stack = try subnet(.network)
        guard reader.isAtEnd else {
            throw reader.error("unexpected data after the network's input layer")
        }
        guard let input = stack.input else { throw reader.error("the network has no input layer", at: 0) }
        return DlibNetworkStructure(loss: loss, input: input, entries: stack.entries)
    }

    private mutating func subnet(_ context: Context) throws -> Stack {
        let key = reader.offset * 2 + (context == .network ? 0 : 1)
        if let failure = failures[key] { throw failure }
        do {
            return try readSubnet(context)
        } catch let failure as DlibFormatError {
            failures[key] = failure
            throw failure
        }
    }

    private mutating func readSubnet(_ context: Context) throws -> Stack {
        attempts += 1
        depth += 1
        defer { depth -= 1 }
        guard attempts <= Self.attemptLimit, depth <= Self.depthLimit else {
            throw reader.error("the network nests too deeply or too ambiguously to read")
        }
        let start = reader.offset
        let version = try reader.readInt()
        if let name = reader.peekName() {
            return try wrapperOnInput(version: version, name: name, context: context, start: start)
        }
        switch version {
        case 2:
            var stack = try subnet(context)
            let record = try DlibLayerRecord.read(&reader)
            try skipLayerState()
            stack.entries.append(.init(content: .layer(record), offset: start))
            return stack
        case 1:
            var alternatives: [(inout Parser) throws -> Stack] = [
                { parser in
                    var stack = try parser.subnet(context)
                    stack.entries.append(.init(content: .marker, offset: start))
                    return stack
                },
                { parser in try parser.repeated(context) },
            ]
            if context == .repeatBlock {
                alternatives.append { parser in
                    // A tag on a repeat block's empty input: its cached output, gradient and flag.
                    _ = try parser.reader.readTensor()
                    _ = try parser.reader.readTensor()
                    _ = try parser.reader.readBool()
                    return Stack(input: nil, entries: [.init(content: .marker, offset: start)])
                }
            }
            return try firstReading(alternatives)
        default:
            throw reader.error("unsupported layer wrapper version \(version) (dlib writes 1 to 3)", at: start)
        }
    }

    /// The innermost wrapper: on the network's input layer, or on a repeat block's empty input.
    private mutating func wrapperOnInput(version: Int, name: String, context: Context, start: Int) throws -> Stack {
        if DlibInputLayer.names.contains(name) {
            guard context == .network else { throw reader.error("an input layer inside a repeat block") }
            let input = try DlibInputLayer.read(&reader)
            switch version {
            case 1:
                _ = try reader.readTensor()
                _ = try reader.readTensor()
                _ = try reader.readBool()
                return Stack(input: input, entries: [.init(content: .marker, offset: start)])
            case 2, 3:
                let record = try DlibLayerRecord.read(&reader)
                try skipInputLayerState(version: version)
                return Stack(input: input, entries: [.init(content: .layer(record), offset: start)])
            default:
                throw reader.error("unsupported input wrapper version \(version) (dlib writes 1 to 3)", at: start)
            }
        }
        guard context == .repeatBlock, version == 2 || version == 3 else {
            throw reader.error("layer record \"\(name)\" where a network input layer was expected")
        }
        let record = try DlibLayerRecord.read(&reader)
        try skipInputLayerState(version: version)
        return Stack(input: nil, entries: [.init(content: .layer(record), offset: start)])
    }

    /// `repeat`: block count, the blocks (nearest the output first), then the network below them.
    private mutating func repeated(_ context: Context) throws -> Stack {
        let count = try reader.readSize("repeat count", in: 1...(1 << 16))
        var blocks: [Stack] = []
        for _ in 0..<count { blocks.append(try subnet(.repeatBlock)) }
        var stack = try subnet(context)
        for block in blocks.reversed() { stack.entries += block.entries }
        return stack
    }

    /// The first alternative that reads; when none does, the failure that got furthest, which is
    /// the one that describes the file (a truncation, an unknown record) rather than a wrong guess.
    private mutating func firstReading(_ alternatives: [(inout Parser) throws -> Stack]) throws -> Stack {
        var furthest: DlibFormatError?
        for alternative in alternatives {
            var trial = self
            do {
                let stack = try alternative(&trial)
                self = trial
                return stack
            } catch let failure as DlibFormatError {
                attempts = trial.attempts
                failures = trial.failures
                if failure.offset >= furthest?.offset ?? -1 { furthest = failure }
            }
        }
        throw furthest ?? reader.error("unreadable layer wrapper")
    }

    /// An `add_layer`'s training state: three flags, then x_grad, cached output, params_grad.
    private mutating func skipLayerState() throws {
        for _ in 0..<3 { _ = try reader.readBool() }
        for _ in 0..<3 { _ = try reader.readTensor() }
    }

    /// The state of an `add_layer` on an input: three flags, x_grad, cached output, grad_final,
    /// and from version 3 the sample expansion factor.
    private mutating func skipInputLayerState(version: Int) throws {
        try skipLayerState()
        if version == 3 { _ = try reader.readInt() }
    }
}
