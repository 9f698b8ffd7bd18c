/// The web page and its API under `web:` (optional: without it, linkyd serves on `0.0.0.0:8080`).
///
/// ```yaml
/// web:
///   listen: 0.0.0.0:8080      # default; 127.0.0.1:8080 keeps it on the Pi; off disables it
///   users-file: /etc/linkyd/users   # optional: HTTP Basic, one `name:bcrypt-hash` per line
/// ```
///
/// Read once at start: a reload does not move the server (restart linkyd for that).
public struct WebConfig: Sendable, Hashable {
    /// Where the server listens.
    public enum Listen: Sendable, Hashable, CustomStringConvertible {
        /// No web server.
        case off
        /// An IPv4 or IPv6 literal (or `localhost`) and a TCP port (0: any free port, for tests).
        case address(host: String, port: Int)

        public var description: String {
            switch self {
            case .off: "off"
            case .address(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            }
        }
    }

    public var listen: Listen
    /// A file of `name:bcrypt-hash` lines (`htpasswd -B` writes them): every request then needs one
    /// of these users (HTTP Basic). Nil: no password.
    public var usersFile: String?
    /// Where `web:` is written (`.start` for the default).
    public var location: SourceLocation

    public static let defaultListen = Listen.address(host: "0.0.0.0", port: 8080)
    /// No `web:` section: listen on every interface, port 8080, no password.
    public static let standard = WebConfig()

    public init(listen: Listen = WebConfig.defaultListen, usersFile: String? = nil, location: SourceLocation = .start) {
        self.listen = listen
        self.usersFile = usersFile
        self.location = location
    }
}
