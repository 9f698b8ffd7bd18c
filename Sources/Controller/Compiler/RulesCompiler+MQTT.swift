import Yams

extension RulesCompiler {
    static let mqttKeys = ["broker", "username", "password-file", "discovery-prefix", "prefix", "protocol",
                           "keepalive", "interval", "power-interval", "ca-file"]

    /// `mqtt: { broker: mqtt[s]://HOST[:PORT], username, password-file, discovery-prefix, prefix, … }`
    /// (issue 11, ``MQTTConfig``). A password written in the file itself is refused: secrets live in
    /// `password-file`. Whether the broker answers is known only when connecting (`linkyd run` reports
    /// it and retries, never stopping the control).
    mutating func compileMQTT(_ node: Node, key: Node) -> MQTTConfig? {
        guard let fields = fields(of: node, in: "'mqtt'", allowed: Self.mqttKeys,
                                  hint: "write mqtt: { broker: mqtt://192.168.1.10:1883 }") else { return nil }
        guard let entry = fields["broker"] else {
            error(at: key, "'mqtt' needs a broker", hint: "write broker: mqtt://192.168.1.10:1883 (mqtts:// for TLS)")
            return nil
        }
        guard let broker = value(entry.value, expected: "a broker URL such as mqtt://192.168.1.10:1883", Self.brokerURL) else { return nil }
        var config = MQTTConfig(host: broker.host, port: broker.port, tls: broker.tls, location: Self.location(of: key))
        if let entry = fields["username"], let user = text(entry.value, expected: "a user name") { config.username = user }
        if let entry = fields["password-file"], let path = text(entry.value, expected: "the path of a file holding the password") {
            config.passwordFile = path
        }
        if config.passwordFile != nil, config.username == nil {
            error(at: key, "'mqtt' has a password-file but no username", hint: "add username: linkyd (the broker's user)")
        }
        if let entry = fields["discovery-prefix"], let prefix = value(entry.value, expected: "a topic prefix such as homeassistant, or off", Self.topicPrefix(allowOff: true)) {
            config.discoveryPrefix = prefix
        }
        if let entry = fields["prefix"], let prefix = value(entry.value, expected: "a topic prefix such as linkyd", Self.topicPrefix(allowOff: false)) {
            config.prefix = prefix ?? config.prefix
        }
        if let entry = fields["protocol"], let text = text(entry.value, expected: "3.1.1 or 5") {
            if let version = MQTTConfig.ProtocolVersion(rawValue: text == "3" || text == "3.1" ? "3.1.1" : text == "5.0" ? "5" : text) {
                config.protocolVersion = version
            } else {
                error(at: entry.value, "unknown MQTT protocol '\(text)'", hint: "write 3.1.1 (the default) or 5")
            }
        }
        for (name, path) in [("keepalive", \MQTTConfig.keepalive), ("interval", \.interval), ("power-interval", \.powerInterval)] {
            guard let entry = fields[name], let value = durationValue(entry.value) else { continue }
            if value < .seconds(1) || (name == "keepalive" && value > .seconds(65_535)) {
                error(at: entry.value, "\(name) must be between 1 s and \(name == "keepalive" ? "65535 s" : "a few minutes")", hint: "the default is \(config[keyPath: path])")
            } else {
                config[keyPath: path] = value
            }
        }
        if let entry = fields["ca-file"], let path = text(entry.value, expected: "the path of a CA certificate file") {
            if !config.tls { warning(at: entry.value, "ca-file is used only with mqtts://", hint: "write broker: mqtts://\(config.host)") }
            config.caFile = path
        }
        return config
    }

    /// `mqtt://host[:port]` or `mqtts://host[:port]` (IPv6 in brackets).
    static func brokerURL(_ text: String) -> Result<(host: String, port: Int?, tls: Bool), ValueProblem> {
        let hint = "write mqtt://192.168.1.10:1883, or mqtts://broker.example:8883 for TLS"
        let tls: Bool
        let rest: Substring
        if text.hasPrefix("mqtt://") { tls = false; rest = text.dropFirst(7) }
        else if text.hasPrefix("mqtts://") { tls = true; rest = text.dropFirst(8) }
        else { return .failure(ValueProblem("'\(text)' is not an MQTT broker URL", hint: hint)) }
        guard !rest.contains("@") else {
            return .failure(ValueProblem("the broker URL must not carry a user or password", hint: "write username: and password-file: instead"))
        }
        let authority = rest.hasSuffix("/") ? rest.dropLast() : rest
        var host = authority, portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return .failure(ValueProblem("'\(text)' is not an MQTT broker URL", hint: hint)) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains("/") else { return .failure(ValueProblem("'\(text)' names no broker host", hint: hint)) }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                return .failure(ValueProblem("'\(portText)' is not a port", hint: "a port is 1 to 65535 (1883 for MQTT, 8883 for MQTT over TLS)"))
            }
            port = value
        }
        return .success((String(host), port, tls))
    }

    /// A topic prefix: no wildcard, no leading or trailing slash; `off` (when allowed) is nil.
    static func topicPrefix(allowOff: Bool) -> (String) -> Result<String?, ValueProblem> {
        { text in
            if allowOff, text == "off" { return .success(nil) }
            if text.isEmpty || text.contains("+") || text.contains("#") || text.hasPrefix("/") || text.hasSuffix("/") || text.contains("\0") {
                return .failure(ValueProblem("'\(text)' is not a topic prefix", hint: "no +, # or leading/trailing slash: e.g. linkyd or home/linkyd"))
            }
            return .success(text)
        }
    }
}
