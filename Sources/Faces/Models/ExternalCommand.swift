import Foundation

/// A program the installer runs (`python3`, `tar`), found on the PATH as a shell would find it.
struct ExternalCommand {
    let executable: URL

    /// The first executable file called `name` in the PATH's folders, or `nil`.
    static func find(_ name: String,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> ExternalCommand? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ExternalCommand(executable: candidate)
            }
        }
        return nil
    }

    /// Runs the program to completion with no input; returns its exit status and its standard
    /// output and error together (shown to the user only when something fails).
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw ModelError.fileSystem(path: executable.path, reason: "cannot run (\(error.localizedDescription))")
        }
        // Drain the pipe before waiting: a child blocked on a full pipe would never exit.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
