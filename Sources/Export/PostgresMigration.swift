import PostgresNIO

/// Creates or migrates ``PostgresSchema`` on a server, in one transaction behind an advisory lock,
/// so two linkyd starting at once against an empty server neither race nor half-create it.
enum PostgresMigration {
    struct NewerSchema: Error, CustomStringConvertible {
        var version: Int
        var description: String {
            "the server's linkyd schema is v\(version), newer than this linkyd's v\(PostgresSchema.version): upgrade linkyd (the server is never downgraded)"
        }
    }

    /// Returns the schema version now on the server.
    @discardableResult
    static func migrate(_ connection: PostgresConnection) async throws -> Int {
        try await connection.withTransaction(logger: PostgresExporter.quiet) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: PostgresExporter.quiet)
            try await connection.query(PostgresQuery(unsafeSQL: PostgresSchema.createVersionTable), logger: PostgresExporter.quiet)
            var current = 0
            for try await version in try await connection.query("SELECT COALESCE(MAX(version), 0) FROM linkyd_schema", logger: PostgresExporter.quiet).decode(Int.self) {
                current = version
            }
            guard current <= PostgresSchema.version else { throw NewerSchema(version: current) }
            for version in (current + 1)..<(PostgresSchema.version + 1) {
                for statement in PostgresSchema.migrations[version - 1] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresExporter.quiet)
                }
                try await connection.query("INSERT INTO linkyd_schema (version) VALUES (\(version))", logger: PostgresExporter.quiet)
            }
            return max(current, PostgresSchema.version)
        }
    }
}
