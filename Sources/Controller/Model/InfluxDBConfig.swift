/// The `influxdb:` section of the rules file (issue 11): where `linkyd run` writes the history's
/// minute rows and index snapshots as InfluxDB line protocol.
///
/// ```yaml
/// influxdb:
///   url: http://192.168.1.10:8086        # https:// for TLS; a path prefix (reverse proxy) is kept
///   database: linky                      # InfluxDB 1.x: POST /write?db=linky
///   username: linkyd                     # 1.x with auth-enabled (optional)
///   password-file: /etc/linkyd/influxdb.password
///   # or InfluxDB 2.x / 3.x: POST /api/v2/write with "Authorization: Token …"
///   # org: home
///   # bucket: linky
///   # token-file: /etc/linkyd/influxdb.token
///   measurement-prefix: linky            # measurements linky_power and linky_energy
///   batch-size: 5000                     # points per request
///   interval: 10 s                       # how often new history rows are looked for
/// ```
/// Secrets (the password, the token) are read from their files when linkyd starts, never written in
/// the rules file and never logged.
public struct InfluxDBConfig: Sendable, Hashable {
    /// Which write API, with what it needs.
    public enum API: Sendable, Hashable {
        /// InfluxDB 1.x: `/write?db=&precision=ms`, with `u`/`p` when a username is given.
        case v1(database: String, username: String?, passwordFile: String?)
        /// InfluxDB 2.x (and 1.8+'s compatibility API): `/api/v2/write?org=&bucket=&precision=ms`.
        case v2(org: String, bucket: String, tokenFile: String)
    }

    /// `http` or `https`.
    public var scheme: String
    public var host: String
    public var port: Int
    /// Path prefix before `/write` (empty, or starting with `/`, never ending with `/`).
    public var path: String
    public var api: API
    public var measurementPrefix = "linky"
    public var batchSize = 5000
    public var interval: Duration = .seconds(10)
    public var location: SourceLocation

    public init(scheme: String = "http", host: String, port: Int? = nil, path: String = "", api: API, location: SourceLocation = .start) {
        self.scheme = scheme
        self.host = host
        self.port = port ?? 8086
        self.path = path
        self.api = api
        self.location = location
    }

    /// `http://host:8086` (IPv6 in brackets) with the path prefix: what the journal names, never a secret.
    public var server: String {
        "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)\(path)"
    }

    /// The measurement of the minute rows.
    public var powerMeasurement: String { measurementPrefix + "_power" }
    /// The measurement of the index snapshots.
    public var energyMeasurement: String { measurementPrefix + "_energy" }
}
