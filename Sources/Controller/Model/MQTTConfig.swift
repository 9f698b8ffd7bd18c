/// The `mqtt:` section of the rules file (issue 11): where `linkyd run` publishes states, events and
/// Home Assistant discovery.
///
/// ```yaml
/// mqtt:
///   broker: mqtt://192.168.1.10:1883     # mqtts:// for TLS (default port 8883)
///   username: linkyd
///   password-file: /etc/linkyd/mqtt.password
///   discovery-prefix: homeassistant       # "off" to disable discovery
///   prefix: linkyd
///   protocol: 3.1.1                       # or 5
///   keepalive: 60 s
///   interval: 10 s                        # state topic at most this often (power: power-interval, 1 s)
///   ca-file: /etc/ssl/certs/ca-certificates.crt   # mqtts:// only; default: the system's CA directory
/// ```
/// The password is read from `password-file` when linkyd starts, never written in the rules file.
public struct MQTTConfig: Sendable, Hashable {
    public enum ProtocolVersion: String, Sendable, Hashable, CaseIterable {
        case v311 = "3.1.1"
        case v5 = "5"
    }

    public var host: String
    public var port: Int
    public var tls: Bool
    public var username: String?
    public var passwordFile: String?
    /// nil with `discovery-prefix: off`.
    public var discoveryPrefix: String? = "homeassistant"
    public var prefix = "linkyd"
    public var protocolVersion: ProtocolVersion = .v311
    public var keepalive: Duration = .seconds(60)
    public var interval: Duration = .seconds(10)
    public var powerInterval: Duration = .seconds(1)
    public var caFile: String?
    public var location: SourceLocation

    public init(host: String, port: Int? = nil, tls: Bool = false, location: SourceLocation = .start) {
        self.host = host
        self.port = port ?? (tls ? 8883 : 1883)
        self.tls = tls
        self.location = location
    }
}
