import ArgumentParser

/// What a command prints: `text` for people, `csv` and `json` for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, csv, json
}

/// `--format`, with `--json` and `--csv` kept as short spellings of it. Each command says which
/// formats it has and which it prints by default.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, csv or json (the command's help says which it has).")
    var format: OutputFormat?

    @Flag(help: ArgumentHelp("Same as --format json.", visibility: .hidden))
    var json = false

    @Flag(help: ArgumentHelp("Same as --format csv.", visibility: .hidden))
    var csv = false

    /// The format asked for, or `standard` when none was; a format the command lacks is a usage
    /// error that names the ones it has.
    func resolved(among supported: [OutputFormat], standard: OutputFormat) throws -> OutputFormat {
        let asked = [format, json ? .json : nil, csv ? .csv : nil].compactMap { $0 }
        guard Set(asked).count <= 1 else { throw ValidationError("choose one output format: --format, --json and --csv disagree") }
        let chosen = asked.first ?? standard
        guard supported.contains(chosen) else {
            throw ValidationError("this command prints \(supported.map(\.rawValue).joined(separator: " or ")), not \(chosen.rawValue)")
        }
        return chosen
    }
}
