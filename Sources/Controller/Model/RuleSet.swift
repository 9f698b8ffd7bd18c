/// A compiled rules file: everything the engine and the outputs need, type-checked, every name
/// resolved. Built only by ``RulesCompiler`` (or by tests), never partially.
public struct RuleSet: Sendable, Hashable {
    /// In file order; at least one.
    public var meters: [MeterConfig]
    /// In file order.
    public var outputs: [OutputConfig]
    /// In file order: a later rule wins over an earlier one for the same output.
    public var rules: [Rule]
    public var shedding: Shedding?
    /// After this long without a valid frame, the meter signal counts as lost and every output goes
    /// to its fail-safe state (`signal-loss-timeout:`, default 30 s).
    public var signalLossTimeout: Duration
    /// The OLED, when the file has a `display:` section.
    public var display: DisplayConfig?
    /// `history:` (issue 9): recorded by default.
    public var history: HistoryConfig = HistoryConfig()
    /// `prices:` (issue 9): effective-dated, applied when a report is asked.
    public var prices: PriceSchedule = PriceSchedule()
    /// The web server (`web:`; without it, `0.0.0.0:8080` with no password).
    public var web: WebConfig = .standard
    /// `mqtt:` (issue 11): states, events and Home Assistant discovery; nil without the section.
    public var mqtt: MQTTConfig?
    /// `influxdb:` (issue 11): minute rows and index snapshots as line protocol; nil without the section.
    public var influxDB: InfluxDBConfig?
    /// `postgresql:` (issue 11): the history's rows on a PostgreSQL server; nil without the section.
    public var postgresql: PostgreSQLConfig?

    public static let defaultSignalLossTimeout: Duration = .seconds(30)

    public init(
        meters: [MeterConfig], outputs: [OutputConfig], rules: [Rule], shedding: Shedding? = nil,
        signalLossTimeout: Duration = RuleSet.defaultSignalLossTimeout, display: DisplayConfig? = nil,
        history: HistoryConfig = HistoryConfig(), prices: PriceSchedule = PriceSchedule(), web: WebConfig = .standard
    ) {
        self.history = history
        self.prices = prices
        self.web = web
        self.display = display
        self.meters = meters
        self.outputs = outputs
        self.rules = rules
        self.shedding = shedding
        self.signalLossTimeout = signalLossTimeout
    }

    public func meter(named name: String) -> MeterConfig? { meters.first { $0.name == name } }
    public func output(named name: String) -> OutputConfig? { outputs.first { $0.name == name } }
}
