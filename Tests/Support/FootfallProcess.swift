import Foundation

/// The `footfall` binary of this build, run as a user runs it: a separate process with its own
/// arguments, standard output, standard error and exit code.
///
/// `swift test` builds every target of the package, the executable included, into the same
/// folder as the test bundle, so the binary under test is always the one just built.
public struct FootfallProcess: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
        /// The standard output decoded as `T`.
        public func decoded<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(standardOutput.utf8))
        }

        /// Standard output's lines, without the empty one after the last newline.
        public var lines: [String] { standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    public static let binary: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        // On Linux the runner is `.build/CONFIG/FootfallPackageTests.xctest`; elsewhere it may sit
        // inside a bundle's Contents/MacOS.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("footfall").path),
              folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("footfall")
    }()

    /// Runs `footfall ARGUMENTS` to completion; `environment` adds to (or overrides) this process's.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           currentDirectory: URL? = nil) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw FixtureError("no footfall binary beside the test bundle (\(binary.path)): build the package first")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs: a full pipe would block it.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
