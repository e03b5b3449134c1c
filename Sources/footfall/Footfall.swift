import ArgumentParser

@main
struct Footfall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "footfall",
        abstract: "Face recognition and footfall counting on the CPU.",
        discussion: """
            Models are downloaded once with `footfall models install` into $FOOTFALL_MODELS \
            (default ~/.cache/footfall/models).
            """,
        subcommands: [DetectCommand.self, EncodeCommand.self, BenchCommand.self, ModelsCommand.self,
                      IdentifyCommand.self, CompareCommand.self, ClusterCommand.self, TrainCommand.self, EvaluateCommand.self])
}
