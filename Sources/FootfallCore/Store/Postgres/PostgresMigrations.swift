import Foundation
import PostgresNIO

/// Brings a PostgreSQL database up to ``Schema/steps``, as GRDB's migrator does for SQLite: each
/// step's `postgres` SQL runs once, in order, in a transaction of its own that also records the
/// step's identifier in `footfall_migrations`. A database that has applied a step this list lacks
/// was written by a newer Footfall and is refused.
///
/// Several nodes may start at once against a new database: a session-level advisory lock lets one
/// migrate while the others wait, then find nothing left to do.
enum PostgresMigrations {
    /// The advisory lock key: "Footfall" in ASCII.
    static let lockKey: Int64 = 0x466F_6F74_6661_6C6C

    static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        do {
            try await migrateLocked(connection, location: location, logger: logger)
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
    }

    private static func migrateLocked(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS footfall_migrations (
                identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """, logger: logger)
        let applied = try await connection.query("SELECT identifier FROM footfall_migrations", logger: logger)
            .collect().map { try $0.decode(String.self) }
        let known = Set(Schema.steps.map(\.identifier))
        let unknown = applied.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw StoreError.newerDatabase(location: location, unknownMigrations: unknown)
        }
        let done = Set(applied)
        for step in Schema.steps where !done.contains(step.identifier) {
            try await connection.query("BEGIN", logger: logger)
            do {
                for statement in statements(in: step.postgres) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO footfall_migrations (identifier) VALUES (\(step.identifier))",
                                           logger: logger)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// The statements of a script, split at semicolons outside quotes, comments and dollar-quoted
    /// bodies (the extended query protocol takes one statement at a time).
    static func statements(in script: String) -> [String] {
        var statements = [String]()
        var current = ""
        let characters = Array(script)
        var index = 0
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "'", "\"":
                // A quoted literal or identifier; a doubled quote inside stays inside.
                current.append(character)
                index += 1
                while index < characters.count {
                    current.append(characters[index])
                    if characters[index] == character {
                        if index + 1 < characters.count, characters[index + 1] == character {
                            current.append(characters[index + 1])
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                while index < characters.count, characters[index] != "\n" {
                    current.append(characters[index])
                    index += 1
                }
            case "$":
                // $tag$ … $tag$ (tag possibly empty).
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
                    end += 1
                }
                if end < characters.count, characters[end] == "$",
                   !(characters[index + 1..<end].first?.isNumber ?? false) {
                    let tag = String(characters[index...end])
                    current += tag
                    index = end + 1
                    let rest = String(characters[index...])
                    if let close = rest.range(of: tag) {
                        current += rest[..<close.upperBound]
                        index += rest.distance(from: rest.startIndex, to: close.upperBound)
                    } else {
                        current += rest
                        index = characters.count
                    }
                } else {
                    current.append(character)
                    index += 1
                }
            case ";":
                flush()
                index += 1
            default:
                current.append(character)
                index += 1
            }
        }
        flush()
        return statements
    }
}
