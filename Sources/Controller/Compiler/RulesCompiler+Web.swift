import Yams

extension RulesCompiler {
    static let webKeys = ["listen", "users-file"]

    /// `web: { listen: HOST:PORT | PORT | off, users-file: PATH }`. Whether the port is free is known
    /// only when binding (`linkyd check` tries, `linkyd run` reports it without stopping the control).
    mutating func compileWeb(_ node: Node, key: Node) -> WebConfig? {
        guard let fields = fields(of: node, in: "'web'", allowed: Self.webKeys) else { return nil }
        var config = WebConfig(location: Self.location(of: key))
        var failed = false
        if let entry = fields["listen"] {
            if let listen = value(entry.value, expected: "an address such as 0.0.0.0:8080, or off", Self.listen) {
                config.listen = listen
            } else {
                failed = true
            }
        }
        if let entry = fields["users-file"] {
            if let path = value(entry.value, expected: "the path of a users file", Self.usersFile) {
                config.usersFile = path
            } else {
                failed = true
            }
        }
        return failed ? nil : config
    }

    /// `0.0.0.0:8080`, `127.0.0.1:8080`, `[::]:8080`, `localhost:8080`, `8080` (every interface), `off`.
    static func listen(_ text: String) -> Result<WebConfig.Listen, ValueProblem> {
        let hint = "write 0.0.0.0:8080 (the default: every interface), 127.0.0.1:8080 (the Pi only) or off"
        if text == "off" { return .success(.off) }
        var host = "0.0.0.0"
        var portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ValueProblem("'\(text)' is not an address and port", hint: "an IPv6 address goes in brackets: [::]:8080"))
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
            guard isIPv6(host) else { return .failure(ValueProblem("'\(host)' is not an IPv6 address", hint: hint)) }
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
            guard host == "localhost" || isIPv4(host) else {
                return .failure(ValueProblem("'\(host)' is not an IPv4 address", hint: hint + "; a host name other than localhost is not accepted"))
            }
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(ValueProblem("'\(portText)' is not a TCP port (1…65535)", hint: hint))
        }
        return .success(.address(host: host, port: port))
    }

    static func usersFile(_ text: String) -> Result<String, ValueProblem> {
        text.isEmpty || text.contains("\n")
            ? .failure(ValueProblem("'\(text)' is not a file path", hint: "e.g. users-file: /etc/linkyd/users (lines of name:bcrypt-hash, as htpasswd -B writes them)"))
            : .success(text)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && Int(part).map { (0...255).contains($0) } == true
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        let allowed = Set("0123456789abcdefABCDEF:.")
        return text.contains(":") && text.allSatisfy { allowed.contains($0) } && text.count <= 45
    }
}

extension WebConfig.Listen {
    /// Why a listen address was refused, and what to write.
    public struct SyntaxError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The same syntax as `web: listen:` (for command-line options such as `linkyd demo --listen`).
    public static func parse(_ text: String) -> Result<WebConfig.Listen, SyntaxError> {
        RulesCompiler.listen(text).mapError { SyntaxError(description: $0.message + ($0.hint.map { "; hint: \($0)" } ?? "")) }
    }
}
