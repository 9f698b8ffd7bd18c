import Controller
import PostgresNIO

/// What a PostgreSQL server answered (or why it could not be reached), as one line for the journal
/// (issue 11): the SQLSTATE and the server's message, and what to do. Built from postgres-nio's
/// ``PSQLError`` fields, never from its debug description (which may carry the query and its binds);
/// a password never appears in it.
enum PostgresProblem {
    static func describe(_ error: any Error, config: PostgreSQLConfig) -> ExportError {
        let server = config.server
        if let error = error as? ExportError { return error }
        if let error = error as? PostgresTransactionError,
           let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError {
            return describe(cause, config: config)
        }
        guard let psql = error as? PSQLError else {
            return ExportError(server: server, problem: "\(error)")
        }
        if let info = psql.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? "no message"
            let detail = info[.detail].map { " (\($0))" } ?? ""
            return ExportError(server: server, problem: "the server answered SQLSTATE \(state): \(message)\(detail)",
                               hint: hint(sqlState: state, config: config))
        }
        switch psql.code {
        case .connectionError:
            if let tls = psql.underlying as? NIOSSLError {
                return ExportError(server: server, problem: "TLS failed: \(tls)",
                                   hint: config.tls == .verifyFull || config.tls == .verifyCA
                                       ? "the server's certificate did not verify: name its CA with ca-file: (verify-full also checks the host name), or write tls: require to encrypt without verifying"
                                       : nil)
            }
            let cause = psql.underlying.map { underlying(of: $0) } ?? "no detail"
            let refused = cause.contains("Connection refused")
            return ExportError(server: server, problem: refused ? "cannot connect: connection refused" : "cannot connect: \(cause)",
                               hint: "is PostgreSQL running there and listening on TCP (listen_addresses, port \(config.port))?")
        case .sslUnsupported:
            return ExportError(server: server, problem: "the server does not offer TLS",
                               hint: "turn ssl on in postgresql.conf, or write tls: prefer (or disable) if the network is trusted")
        case .failedToAddSSLHandler:
            return ExportError(server: server, problem: "cannot set up TLS: \(psql.underlying.map { underlying(of: $0) } ?? "no detail")")
        case .authMechanismRequiresPassword:
            return ExportError(server: server, problem: "the server asks for a password and none was given",
                               hint: "write the role's password in a file and name it with password-file:")
        case .unsupportedAuthMechanism:
            return ExportError(server: server, problem: "the server asks for an authentication method postgres-nio does not speak",
                               hint: "use scram-sha-256 (or md5) for this role in pg_hba.conf")
        case .saslError:
            return ExportError(server: server, problem: "SCRAM authentication failed: \(psql.underlying.map { underlying(of: $0) } ?? "no detail")",
                               hint: "check the password in password-file")
        case .serverClosedConnection, .uncleanShutdown:
            return ExportError(server: server, problem: "the server closed the connection", hint: "it may be restarting; linkyd retries")
        case .clientClosedConnection:
            return ExportError(server: server, problem: "no answer in time: the connection was closed", hint: "linkyd retries")
        default:
            return ExportError(server: server, problem: "\(psql.code)\(psql.underlying.map { ": \(underlying(of: $0))" } ?? "")")
        }
    }

    private static func underlying(of error: any Error) -> String {
        if let error = error as? NIOSSLError { return "TLS: \(error)" }
        if let error = error as? IOError { return error.description }
        return "\(error)"
    }

    /// What to do about a server error, by SQLSTATE class (PostgreSQL's appendix A).
    static func hint(sqlState: String, config: PostgreSQLConfig) -> String? {
        switch sqlState {
        case "28P01", "28000":
            return "check the user '\(config.user)', the password in \(config.passwordFile ?? "password-file (none given)") and pg_hba.conf on the server"
        case "3D000":
            return "create it on the server: createdb -O \(config.user) \(config.database)"
        case "42501":
            return "give the role the right to create tables in the database (e.g. make it the database's owner: ALTER DATABASE \(config.database) OWNER TO \(config.user))"
        case "53300":
            return "the server has no free connection slot (max_connections)"
        case "57P01", "57P02", "57P03":
            return "the server is shutting down or starting; linkyd retries"
        default:
            return nil
        }
    }
}
