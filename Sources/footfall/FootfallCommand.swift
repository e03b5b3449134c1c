import ArgumentParser

/// The `footfall` command. Named `FootfallCommand` so that it never clashes with the `Footfall`
/// library target (file systems that ignore case would see one name twice).
@main
struct FootfallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "footfall",
        abstract: "Face recognition and footfall counting on the CPU.",
        discussion: """
            Models are downloaded once with `footfall models install` into $FOOTFALL_MODELS \
            (default ~/.cache/footfall/models).
            """,
        version: "0.2.0",
        subcommands: [DetectCommand.self, EncodeCommand.self, BenchCommand.self, ModelsCommand.self,
                      IdentifyCommand.self, CompareCommand.self, ClusterCommand.self, TrainCommand.self, EvaluateCommand.self,
                      MembersCommand.self, SitesCommand.self, DoorsCommand.self, KeysCommand.self, UsersCommand.self, ServeCommand.self])
}
