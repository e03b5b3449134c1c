import ArgumentParser
import Faces

extension FaceSelection: ExpressibleByArgument {}

/// `--face`, for commands that take one face per photo: the photo's subject by default.
struct FaceChoiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Which face stands for a photo: subject (large and near the middle), most-confident or largest.",
                               valueName: "rule"))
    var face: FaceSelection = .subject

    func validate() throws {
        guard face != .all else { throw ValidationError("--face all does not apply here: this command takes one face per photo") }
    }
}
