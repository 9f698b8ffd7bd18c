import Controller
import Testing

/// `linkyd check` on the `influxdb:` section (issue 11), and reloads that change it.
struct InfluxConfigTests {
    static func source(_ influxdb: String, history: String = "") -> String {
        "meters:\n  main: { port: /dev/ttyAMA0 }\n" + history + "influxdb:\n" + influxdb
    }

    static func compile(_ influxdb: String, history: String = "") -> Compilation {
        RulesCompiler.compile(source: source(influxdb, history: history), file: "rules.yaml")
    }

    @Test func theIssuesExampleIsInfluxDB1() throws {
        let compilation = Self.compile("  url: http://192.168.1.10:8086\n  database: linky\n")
        let influx = try #require(compilation.ruleSet?.influxDB, "\(compilation.diagnostics.oneLines)")
        #expect(influx.scheme == "http" && influx.host == "192.168.1.10" && influx.port == 8086 && influx.path == "")
        #expect(influx.api == .v1(database: "linky", username: nil, passwordFile: nil))
        #expect(influx.powerMeasurement == "linky_power" && influx.energyMeasurement == "linky_energy")
        #expect(influx.batchSize == 5000 && influx.interval == .seconds(10))
        #expect(influx.server == "http://192.168.1.10:8086")
        #expect(compilation.diagnostics.items.isEmpty)
    }

    @Test func influxDB1WithAUserAndEveryOption() throws {
        let influx = try #require(Self.compile("""
              url: https://[fd00::5]/influx/
              database: linky
              username: linkyd
              password-file: /etc/linkyd/influxdb.password
              measurement-prefix: home-linky
              batch-size: 1000
              interval: 1 min
            """).ruleSet?.influxDB)
        #expect(influx.scheme == "https" && influx.host == "fd00::5" && influx.port == 8086 && influx.path == "/influx")
        #expect(influx.server == "https://[fd00::5]:8086/influx")
        #expect(influx.api == .v1(database: "linky", username: "linkyd", passwordFile: "/etc/linkyd/influxdb.password"))
        #expect(influx.powerMeasurement == "home-linky_power" && influx.batchSize == 1000 && influx.interval == .seconds(60))
    }

    @Test func influxDB2NeedsOrgBucketAndTokenFile() throws {
        let influx = try #require(Self.compile("  url: http://nas:8086\n  org: home\n  bucket: linky\n  token-file: /etc/linkyd/influxdb.token\n").ruleSet?.influxDB)
        #expect(influx.api == .v2(org: "home", bucket: "linky", tokenFile: "/etc/linkyd/influxdb.token"))
    }

    @Test(arguments: [
        ("  database: linky\n", "needs a url"),
        ("  url: mqtt://x:8086\n  database: linky\n", "is not an InfluxDB URL"),
        ("  url: http://admin:secret@x:8086\n  database: linky\n", "must not carry a user or password"),
        ("  url: http://x:8086/?db=linky\n  database: linky\n", "must not carry a query"),
        ("  url: http://x:0\n  database: linky\n", "is not a port"),
        ("  url: http://x\n", "needs a database (InfluxDB 1.x) or org, bucket and token-file"),
        ("  url: http://x\n  database: linky\n  bucket: linky\n", "mixes InfluxDB 1.x keys (database) with 2.x keys (bucket)"),
        ("  url: http://x\n  org: home\n  bucket: linky\n", "for InfluxDB 2.x needs token-file"),
        ("  url: http://x\n  database: linky\n  password-file: /p\n", "password-file but no username"),
        ("  url: http://x\n  database: linky\n  username: linkyd\n", "username but no password-file"),
        ("  url: http://x\n  database: linky\n  password: secret\n", "unknown key 'password'"),
        ("  url: http://x\n  org: o\n  bucket: b\n  token: secret\n", "unknown key 'token'"),
        ("  url: http://x\n  database: linky\n  measurement-prefix: _linky\n", "is not a measurement prefix"),
        ("  url: http://x\n  database: linky\n  measurement-prefix: 'linky power'\n", "is not a measurement prefix"),
        ("  url: http://x\n  database: linky\n  batch-size: 0\n", "batch-size must be a number of points from 1 to 100000"),
        ("  url: http://x\n  database: linky\n  batch-size: lots\n", "batch-size must be a number"),
        ("  url: http://x\n  database: linky\n  interval: 100 ms\n", "interval must be between 1 s and 1 h"),
        ("  url: http://x\n  database: linky\n  interval: soon\n", "duration"),
        ("  - http://x\n", "expected a mapping for 'influxdb'"),
    ])
    func problemsAreDiagnosed(_ section: String, _ message: String) {
        let compilation = Self.compile(section)
        #expect(compilation.ruleSet == nil && compilation.diagnostics.hasErrors)
        #expect(compilation.diagnostics.items.contains { $0.message.contains(message) }, "\(compilation.diagnostics.oneLines)")
    }

    @Test func diagnosticsPointAtTheValueWithAHint() throws {
        let compilation = Self.compile("  url: http://x\n  database: linky\n  batch-size: 0\n")
        let line = try #require(compilation.diagnostics.oneLines.first)
        #expect(line.hasPrefix("rules.yaml:6:15: error: batch-size must be"), "\(line)")
        let rendered = compilation.diagnostics.rendered(source: Self.source("  url: http://x\n  database: linky\n  batch-size: 0\n"))
        #expect(rendered.contains("hint: the default is 5000"), "\(rendered)")
    }

    @Test func aSectionWithoutTheHistoryIsAnError() {
        let compilation = Self.compile("  url: http://x\n  database: linky\n", history: "history: off\n")
        #expect(compilation.diagnostics.items.contains { $0.message.contains("the history is off") }, "\(compilation.diagnostics.oneLines)")
    }

    @Test func aSecretInTheFileIsNeverEchoed() {
        let compilation = Self.compile("  url: http://x\n  database: linky\n  password: hunter2\n")
        #expect(!compilation.diagnostics.oneLines.joined().contains("hunter2"))
        #expect(compilation.diagnostics.items.contains { $0.hint?.contains("password-file") == true }, "\(compilation.diagnostics.items.map(\.hint))")
    }

    @Test func aReloadThatChangesTheServerIsRefusedAndOneThatMovesItIsApplied() throws {
        let rules = { (text: String) throws -> RuleSet in
            let compilation = RulesCompiler.compile(source: text, file: "rules.yaml")
            return try #require(compilation.ruleSet, "\(compilation.diagnostics.oneLines)")
        }
        let base = Self.source("  url: http://x:8086\n  database: linky\n")
        var core = ControllerCore(rules: try rules(base), at: .zero, local: LocalTime(weekday: .monday, hour: 12, minute: 0))
        var events: [ControllerEvent] = []
        for changed in [base.replacingOccurrences(of: "database: linky", with: "database: other"),
                        base.replacingOccurrences(of: "x:8086", with: "y:8086"),
                        base + "  batch-size: 10\n",
                        "meters:\n  main: { port: /dev/ttyAMA0 }\n"] {
            #expect(!core.reload(try rules(changed), at: .seconds(1), into: &events), "\(changed)")
            #expect(core.status.reloadError?.contains("the InfluxDB settings changed: restart linkyd") == true, "\(core.status.reloadError ?? "")")
            #expect(core.rules.influxDB?.api == .v1(database: "linky", username: nil, passwordFile: nil))
        }
        // The same section, two lines lower: not a change.
        let moved = "meters:\n  main: { port: /dev/ttyAMA0 }\nsignal-loss-timeout: 30 s\n\ninfluxdb:\n  url: http://x:8086\n  database: linky\n"
        #expect(core.reload(try rules(moved), at: .seconds(2), into: &events))
    }
}
