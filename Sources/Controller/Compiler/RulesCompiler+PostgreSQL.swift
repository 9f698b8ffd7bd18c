import Yams

extension RulesCompiler {
    static let postgreSQLKeys = ["url", "password-file", "tls", "ca-file", "source"]

    /// `postgresql: { url: postgres://USER@HOST[:PORT][/DB][?sslmode=MODE], password-file, tls, ca-file, source }`
    /// (issue 11, ``PostgreSQLConfig``). A password in the URL or in the section is refused: secrets
    /// live in `password-file`. Whether the server answers is known only when connecting (`linkyd run`
    /// reports what it answered and retries, never stopping the control).
    mutating func compilePostgreSQL(_ node: Node, key: Node) -> PostgreSQLConfig? {
        let example = "write url: postgres://linkyd@192.168.1.10/linky"
        guard let fields = fields(of: node, in: "'postgresql'", allowed: Self.postgreSQLKeys, hint: example) else { return nil }
        guard let entry = fields["url"] else {
            error(at: key, "'postgresql' needs a url", hint: example)
            return nil
        }
        guard let url = value(entry.value, expected: "a URL such as postgres://linkyd@192.168.1.10/linky", Self.postgresURL) else { return nil }
        var config = PostgreSQLConfig(host: url.host, port: url.port, user: url.user, database: url.database, location: Self.location(of: key))
        if let mode = url.tls { config.tls = mode }
        if let entry = fields["tls"], let mode = value(entry.value, expected: "a TLS mode", Self.tlsMode) {
            if let fromURL = url.tls, fromURL != mode {
                error(at: entry.value, "tls: \(mode.rawValue) contradicts the url's sslmode=\(fromURL.rawValue)", hint: "keep one of them")
            }
            config.tls = mode
        }
        if let entry = fields["password-file"], let path = text(entry.value, expected: "the path of a file holding the password") {
            config.passwordFile = path
        }
        if let entry = fields["ca-file"], let path = text(entry.value, expected: "the path of a CA certificate file (PEM)") {
            if config.tls != .verifyCA, config.tls != .verifyFull {
                warning(at: entry.value, "ca-file is used only with tls: verify-ca or verify-full", hint: "add tls: verify-full (or ?sslmode=verify-full)")
            }
            config.caFile = path
        }
        if let entry = fields["source"], let source = text(entry.value, expected: "a name for this linkyd, such as pi-garage") {
            if source.isEmpty || source.count > 64 || source.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                error(at: entry.value, "'\(source)' is not a source name", hint: "1 to 64 printable characters, e.g. pi-garage (default: the host name)")
            } else {
                config.source = source
            }
        }
        return config
    }

    static func tlsMode(_ text: String) -> Result<PostgreSQLConfig.TLSMode, ValueProblem> {
        if let mode = PostgreSQLConfig.TLSMode(rawValue: text) { return .success(mode) }
        let known = PostgreSQLConfig.TLSMode.allCases.map(\.rawValue)
        let hint = (Suggestion.didYouMean(text, among: known).map { $0 + " " } ?? "") + "one of \(known.joined(separator: ", "))"
        return .failure(ValueProblem("unknown TLS mode '\(text)'", hint: hint))
    }

    /// `postgres[ql]://user@host[:port][/database][?sslmode=mode]` (IPv6 in brackets; the database
    /// defaults to the user, as with libpq).
    static func postgresURL(_ text: String) -> Result<(user: String, host: String, port: Int?, database: String?, tls: PostgreSQLConfig.TLSMode?), ValueProblem> {
        let hint = "write postgres://linkyd@192.168.1.10:5432/linky"
        let rest: Substring
        if text.hasPrefix("postgres://") { rest = text.dropFirst(11) }
        else if text.hasPrefix("postgresql://") { rest = text.dropFirst(13) }
        else { return .failure(ValueProblem("'\(text)' is not a PostgreSQL URL", hint: hint)) }
        let (beforeQuery, query) = split(rest, at: "?")
        let (authority, path) = split(beforeQuery, at: "/")
        guard let at = authority.lastIndex(of: "@") else {
            return .failure(ValueProblem("the URL names no user", hint: hint))
        }
        let user = authority[..<at]
        if user.contains(":") {
            return .failure(ValueProblem("the URL must not carry a password", hint: "write the password in a file and name it with password-file:"))
        }
        guard !user.isEmpty else { return .failure(ValueProblem("the URL names no user", hint: hint)) }
        let hostPort = authority[authority.index(after: at)...]
        var host = hostPort, portText: Substring?
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return .failure(ValueProblem("'\(text)' is not a PostgreSQL URL", hint: hint)) }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(ValueProblem("the URL names no server host", hint: hint)) }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                return .failure(ValueProblem("'\(portText)' is not a port", hint: "a port is 1 to 65535 (PostgreSQL's is 5432)"))
            }
            port = value
        }
        let database = path.flatMap { $0.isEmpty ? nil : String($0) }
        if let database, database.contains("/") {
            return .failure(ValueProblem("'\(database)' is not a database name", hint: hint))
        }
        var tls: PostgreSQLConfig.TLSMode?
        for parameter in (query ?? "").split(separator: "&") {
            let (name, value) = split(parameter, at: "=")
            guard name == "sslmode" else {
                return .failure(ValueProblem("unknown URL parameter '\(name)'", hint: "only ?sslmode= is read (disable, prefer, require, verify-ca, verify-full)"))
            }
            switch tlsMode(String(value ?? "")) {
            case .success(let mode): tls = mode
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success((String(user), String(host), port, database, tls))
    }

    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }
}
