import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL server for tests, one per test process: a cluster made with `initdb`
/// in a temporary folder, listening on a free loopback port (and a socket in the same folder),
/// trusted logins for the user `footfall`. Started on first use; stopped (`pg_ctl -m fast`) and
/// its folder removed when the process exits, or by a watchdog if the process dies without exiting.
///
/// PostgreSQL refuses to run as root, so as root the server commands run as the `postgres` user
/// (`runuser`), with the folder given to that user. The binaries are Debian's
/// (`/usr/lib/postgresql/VERSION/bin`, the newest version there) unless `FOOTFALL_PG_BIN` names a
/// folder. When the server cannot start, ``shared()`` throws saying why: tests fail, never skip.
///
///     let server = try PostgresServer.shared()
///     let url = try server.createDatabase()      // postgres://footfall@127.0.0.1:PORT/test_…
///     …
///     try server.dropDatabase(url)
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let folder: String
    public let bin: String
    public let user = "footfall"
    private let asPostgres: Bool

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<PostgresServer, any Error>?

    /// The process's server, started on the first call (later calls give the same one, or the
    /// same failure).
    public static func shared() throws -> PostgresServer {
        try lock.withLock {
            if let started { return try started.get() }
            let result = Result { try PostgresServer() }
            started = result
            if case let .success(server) = result {
                atexit { PostgresServer.stopShared() }
                server.startWatchdog()
            }
            return try result.get()
        }
    }

    private static func stopShared() {
        lock.withLock {
            if case let .success(server) = started { server.stop() }
            started = nil
        }
    }

    private init() throws {
        bin = try Self.binaries()
        asPostgres = getuid() == 0
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if asPostgres {
            guard let account = getpwnam("postgres") else {
                throw FixtureError("PostgreSQL refuses to run as root and there is no postgres user: install Debian's postgresql package (scripts/setup)")
            }
            guard chown(folder, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw FixtureError("cannot give \(folder) to the postgres user: \(String(cString: strerror(errno)))")
            }
        }
        do {
            try Self.run(server: true, asPostgres, bin + "/initdb",
                         ["-D", folder + "/data", "-A", "trust", "-U", user, "-E", "UTF8", "--no-locale"], what: "initdb")
            var lastError: (any Error)?
            var chosen: Int?
            // A free port can be taken between the check and the start: try a few.
            for _ in 0..<5 {
                let port = try Self.freePort()
                do {
                    try Self.run(server: true, asPostgres, bin + "/pg_ctl",
                                 ["-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60",
                                  "-o", "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
                                  "start"], what: "pg_ctl start")
                    chosen = port
                    break
                } catch {
                    lastError = error
                }
            }
            guard let chosen else {
                let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
                throw FixtureError("PostgreSQL did not start: \(lastError.map { "\($0)" } ?? "")\n\(log.suffix(2000))")
            }
            port = chosen
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// The URL of a database on this server.
    public func url(database: String) -> URL {
        URL(string: "postgres://\(user)@127.0.0.1:\(port)/\(database)")!
    }

    /// Creates a new, empty database (named `name`, or a fresh `test_…` name) and gives its URL.
    @discardableResult
    public func createDatabase(_ name: String? = nil) throws -> URL {
        let name = name ?? "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try Self.run(server: false, false, bin + "/createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, name],
                     what: "createdb \(name)")
        return url(database: name)
    }

    /// Drops a database, closing any connection still open to it.
    public func dropDatabase(_ name: String) throws {
        try Self.run(server: false, false, bin + "/dropdb",
                     ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, "--force", "--if-exists", name],
                     what: "dropdb \(name)")
    }

    public func dropDatabase(_ url: URL) throws {
        try dropDatabase(String(url.path.dropFirst()))
    }

    /// Runs SQL through `psql` against `database`; gives its output (unaligned, tuples only).
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try Self.run(server: false, false, bin + "/psql",
                     ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1",
                      "-X", "-q", "-A", "-t", "-c", sql], what: "psql")
    }

    /// Stops the server and removes its folder.
    public func stop() {
        _ = try? Self.run(server: true, asPostgres, bin + "/pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "stop"],
                          what: "pg_ctl stop")
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A shell that outlives a crashed test process just long enough to stop its server.
    private func startWatchdog() {
        let stopCommand = (asPostgres ? "runuser -u postgres -- " : "")
            + "'\(bin)/pg_ctl' -D '\(folder)/data' -m fast -w stop"
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; "
            + "[ -d '\(folder)/data' ] && \(stopCommand); rm -rf '\(folder)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }

    // MARK: Helpers

    /// The folder of initdb and pg_ctl: `FOOTFALL_PG_BIN`, else the newest /usr/lib/postgresql/N/bin.
    private static func binaries() throws -> String {
        if let folder = ProcessInfo.processInfo.environment["FOOTFALL_PG_BIN"], !folder.isEmpty { return folder }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            .sorted { (Int($0.prefix { $0.isNumber }) ?? 0) > (Int($1.prefix { $0.isNumber }) ?? 0) }
        guard let newest = versions.first else {
            throw FixtureError("no PostgreSQL server binaries in \(root)/*/bin: install Debian's postgresql package (scripts/setup installs it)")
        }
        return "\(root)/\(newest)/bin"
    }

    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FixtureError("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(socket, raw, length) == 0 && getsockname(socket, raw, &length) == 0
            }
        }
        guard bound else { throw FixtureError("no free loopback port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a PostgreSQL program to completion (as the postgres user when `asPostgres`); its
    /// output, or an error with its output when it fails. Server programs run in the server's
    /// folder's parent so `runuser` does not start in a directory the postgres user cannot read.
    @discardableResult
    private static func run(server: Bool, _ asPostgres: Bool, _ program: String, _ arguments: [String],
                            what: String) throws -> String {
        let process = Process()
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] + arguments : [program] + arguments
        if server {
            // Foundation's Process learns that its child ended when a socket the child inherited
            // closes; `pg_ctl start` leaves a daemon that would inherit it too, and the wait would
            // last as long as the server. bash runs the command with every descriptor above 2
            // closed (for the command only), then exits, closing its own copy.
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", #"""
                closing=""
                for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && closing="$closing $n>&-"; done
                eval '"$@"' "$closing"
                """#, "bash"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
        }
        if server { process.currentDirectoryURL = FileManager.default.temporaryDirectory }
        // Output to a file, not a pipe: a server started by pg_ctl must not hold our pipe open.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("footfall-pg-out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? handle.close()
            throw FixtureError("\(what): cannot run \(process.executableURL!.path): \(error)")
        }
        process.waitUntilExit()
        try? handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw FixtureError("\(what) failed (exit \(process.terminationStatus)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return text
    }
}
