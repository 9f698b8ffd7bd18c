/// The `postgresql:` section of the rules file (issue 11): a PostgreSQL server that receives the
/// same rows as the local history (several Pis and meters on one server, each row keyed by the
/// meter's address).
///
/// ```yaml
/// postgresql:
///   url: postgres://linkyd@192.168.1.10:5432/linky?sslmode=require
///   password-file: /etc/linkyd/pg.password
///   tls: verify-full                      # instead of ?sslmode=: disable, prefer (default), require, verify-ca, verify-full
///   ca-file: /etc/linkyd/pg-ca.pem        # verify-ca / verify-full; default: the system's CA store
///   source: pi-garage                     # who wrote a row (series, events); default: the host name
/// ```
/// The password is read from `password-file` when linkyd starts, never written in the rules file.
public struct PostgreSQLConfig: Sendable, Hashable {
    /// libpq's `sslmode` values that postgres-nio can honour.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without verifying its certificate (libpq's default).
        case prefer
        /// TLS or no connection; the certificate is not verified.
        case require
        /// TLS; the certificate must chain to `ca-file` (or the system store); any host name.
        case verifyCA = "verify-ca"
        /// TLS; the certificate must chain to `ca-file` (or the system store) and name the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode = .prefer
    public var passwordFile: String?
    public var caFile: String?
    /// nil: the host name, read when linkyd starts.
    public var source: String?
    public var location: SourceLocation

    public init(host: String, port: Int? = nil, user: String, database: String? = nil, location: SourceLocation = .start) {
        self.host = host
        self.port = port ?? 5432
        self.user = user
        self.database = database ?? user
        self.location = location
    }

    /// `postgres://user@host:port/db`, as logs and errors show the server: never a password.
    public var server: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }
}
