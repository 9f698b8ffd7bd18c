import Yams

extension RulesCompiler {
    static let influxDBKeys = ["url", "database", "username", "password-file", "org", "bucket", "token-file",
                               "measurement-prefix", "batch-size", "interval"]

    /// `influxdb: { url: http[s]://HOST[:PORT][/PATH], database | org + bucket + token-file, … }` (issue 11,
    /// ``InfluxDBConfig``). A password or token written in the file itself is refused: secrets live in
    /// `password-file` / `token-file`. Whether the server answers is known only when writing (`linkyd run`
    /// reports it and retries, never stopping the control).
    mutating func compileInfluxDB(_ node: Node, key: Node, history: HistoryConfig) -> InfluxDBConfig? {
        let example = "write influxdb: { url: http://192.168.1.10:8086, database: linky }"
        guard let fields = fields(of: node, in: "'influxdb'", allowed: Self.influxDBKeys, hint: example) else { return nil }
        guard let entry = fields["url"] else {
            error(at: key, "'influxdb' needs a url", hint: "write url: http://192.168.1.10:8086 (https:// for TLS)")
            return nil
        }
        let url = value(entry.value, expected: "a URL such as http://192.168.1.10:8086", Self.influxURL)
        func string(_ name: String, _ what: String) -> String? {
            guard let entry = fields[name], let text = text(entry.value, expected: what) else { return nil }
            return text
        }
        let database = string("database", "a database name such as linky")
        let username = string("username", "a user name")
        let passwordFile = string("password-file", "the path of a file holding the password")
        let org = string("org", "an organization name")
        let bucket = string("bucket", "a bucket name such as linky")
        let tokenFile = string("token-file", "the path of a file holding the API token")
        let v1Keys = ["database", "username", "password-file"].filter { fields[$0] != nil }
        let v2Keys = ["org", "bucket", "token-file"].filter { fields[$0] != nil }
        var api: InfluxDBConfig.API?
        if !v1Keys.isEmpty, !v2Keys.isEmpty {
            error(at: key, "'influxdb' mixes InfluxDB 1.x keys (\(v1Keys.joined(separator: ", "))) with 2.x keys (\(v2Keys.joined(separator: ", ")))",
                  hint: "1.x: database (+ username, password-file); 2.x: org, bucket and token-file")
        } else if !v2Keys.isEmpty {
            let missing = ["org", "bucket", "token-file"].filter { fields[$0] == nil }
            if !missing.isEmpty {
                error(at: key, "'influxdb' for InfluxDB 2.x needs \(missing.joined(separator: " and "))",
                      hint: "write org: home, bucket: linky and token-file: /etc/linkyd/influxdb.token")
            } else if let org, let bucket, let tokenFile {
                api = .v2(org: org, bucket: bucket, tokenFile: tokenFile)
            }
        } else if let database {
            if passwordFile != nil, username == nil {
                error(at: key, "'influxdb' has a password-file but no username", hint: "add username: linkyd (the InfluxDB user)")
            } else if username != nil, passwordFile == nil {
                error(at: key, "'influxdb' has a username but no password-file", hint: "add password-file: /etc/linkyd/influxdb.password (readable by the user linkyd runs as)")
            } else {
                api = .v1(database: database, username: username, passwordFile: passwordFile)
            }
        } else if fields["database"] == nil {
            error(at: key, "'influxdb' needs a database (InfluxDB 1.x) or org, bucket and token-file (2.x)",
                  hint: "write database: linky")
        }
        if !history.enabled {
            error(at: key, "'influxdb' sends the history's rows, and the history is off",
                  hint: "remove history: off (the exporter reads the local history with a cursor of its own)")
        }
        guard let url, let api else { return nil }
        var config = InfluxDBConfig(scheme: url.scheme, host: url.host, port: url.port, path: url.path, api: api,
                                    location: Self.location(of: key))
        if let entry = fields["measurement-prefix"],
           let prefix = value(entry.value, expected: "a measurement prefix such as linky", Self.measurementPrefix) {
            config.measurementPrefix = prefix
        }
        if let entry = fields["batch-size"], let text = text(entry.value, expected: "a number of points such as 5000") {
            if let size = Int(text), (1...100_000).contains(size) {
                config.batchSize = size
            } else {
                error(at: entry.value, "batch-size must be a number of points from 1 to 100000", hint: "the default is 5000 (InfluxDB's advice)")
            }
        }
        if let entry = fields["interval"], let interval = durationValue(entry.value) {
            if interval < .seconds(1) || interval > .seconds(3600) {
                error(at: entry.value, "interval must be between 1 s and 1 h", hint: "the default is 10 s")
            } else {
                config.interval = interval
            }
        }
        return config
    }

    /// `http[s]://host[:port][/path]` (IPv6 in brackets), no user, password, query or fragment.
    static func influxURL(_ text: String) -> Result<(scheme: String, host: String, port: Int?, path: String), ValueProblem> {
        let hint = "write http://192.168.1.10:8086, or https://influx.example:8086 for TLS"
        let scheme: String
        let rest: Substring
        if text.hasPrefix("http://") { scheme = "http"; rest = text.dropFirst(7) }
        else if text.hasPrefix("https://") { scheme = "https"; rest = text.dropFirst(8) }
        else { return .failure(ValueProblem("'\(text)' is not an InfluxDB URL", hint: hint)) }
        guard !rest.contains("@") else {
            return .failure(ValueProblem("the InfluxDB URL must not carry a user or password", hint: "write username: and password-file: (or token-file:) instead"))
        }
        guard !rest.contains("?"), !rest.contains("#") else {
            return .failure(ValueProblem("the InfluxDB URL must not carry a query", hint: "write database: (1.x) or org: and bucket: (2.x) instead"))
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        var host = authority, portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return .failure(ValueProblem("'\(text)' is not an InfluxDB URL", hint: hint)) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(" ") else { return .failure(ValueProblem("'\(text)' names no InfluxDB host", hint: hint)) }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                return .failure(ValueProblem("'\(portText)' is not a port", hint: "a port is 1 to 65535 (InfluxDB listens on 8086)"))
            }
            port = value
        }
        guard path.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            return .failure(ValueProblem("'\(path)' is not a URL path", hint: "a path prefix is plain ASCII, e.g. /influx"))
        }
        return .success((scheme, String(host), port, path))
    }

    /// Letters, digits, `_` and `-`, starting with a letter (InfluxDB reserves names starting with `_`).
    static func measurementPrefix(_ text: String) -> Result<String, ValueProblem> {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }),
              text.count <= 64 else {
            return .failure(ValueProblem("'\(text)' is not a measurement prefix", hint: "letters, digits, _ and -, starting with a letter: e.g. linky"))
        }
        return .success(text)
    }
}
