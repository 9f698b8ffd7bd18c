import Controller
import Testing

/// `linkyd check` on the `postgresql:` section (issue 11).
struct PostgresConfigTests {
    static func compile(_ section: String) -> Compilation {
        RulesCompiler.compile(source: "meters:\n  main: { port: /dev/ttyAMA0 }\npostgresql:\n" + section, file: "rules.yaml")
    }

    @Test func theIssuesExampleCompiles() throws {
        let compilation = Self.compile("  url: postgres://linkyd@192.168.1.10/linky\n  password-file: /etc/linkyd/pg.password\n")
        let config = try #require(compilation.ruleSet?.postgresql, "\(compilation.diagnostics.oneLines)")
        #expect(config.host == "192.168.1.10" && config.port == 5432 && config.user == "linkyd" && config.database == "linky")
        #expect(config.passwordFile == "/etc/linkyd/pg.password" && config.tls == .prefer && config.source == nil)
        #expect(config.server == "postgres://linkyd@192.168.1.10:5432/linky")
        #expect(compilation.diagnostics.items.isEmpty)
    }

    @Test func portSSLModeIPv6AndDefaults() throws {
        let tls = try #require(Self.compile("  url: postgresql://bi@[fd00::5]:6543/energy?sslmode=verify-full\n  ca-file: /etc/ca.pem\n  source: pi-garage\n").ruleSet?.postgresql)
        #expect(tls.host == "fd00::5" && tls.port == 6543 && tls.database == "energy" && tls.tls == .verifyFull && tls.caFile == "/etc/ca.pem")
        #expect(tls.source == "pi-garage" && tls.server == "postgres://bi@[fd00::5]:6543/energy")
        // No database: the user's name, as libpq; the tls: key instead of ?sslmode=.
        let plain = try #require(Self.compile("  url: postgres://linkyd@db.lan\n  tls: disable\n").ruleSet?.postgresql)
        #expect(plain.database == "linkyd" && plain.tls == .disable)
    }

    @Test(arguments: [
        ("  url: mysql://linkyd@x/db\n", "is not a PostgreSQL URL", 4, 8),
        ("  url: postgres://linkyd:hunter2@x/db\n", "must not carry a password", 4, 8),
        ("  url: postgres://x/db\n", "names no user", 4, 8),
        ("  url: postgres://linkyd@x:70000/db\n", "is not a port", 4, 8),
        ("  url: postgres://linkyd@x/db?sslmode=requir\n", "unknown TLS mode 'requir'", 4, 8),
        ("  url: postgres://linkyd@x/db?connect_timeout=3\n", "unknown URL parameter 'connect_timeout'", 4, 8),
        ("  url: postgres://linkyd@x/db?sslmode=require\n  tls: disable\n", "contradicts the url's sslmode=require", 5, 8),
        ("  password-file: /p\n", "'postgresql' needs a url", 3, 1),
        ("  url: postgres://linkyd@x/db\n  password: hunter2\n", "unknown key 'password'", 5, 3),
        ("  url: postgres://linkyd@x/db\n  tls: verify\n", "unknown TLS mode 'verify'", 5, 8),
    ])
    func problemsAreDiagnosedWhereTheyAre(_ section: String, _ message: String, _ line: Int, _ column: Int) throws {
        let compilation = Self.compile(section)
        #expect(compilation.ruleSet == nil && compilation.diagnostics.hasErrors)
        let diagnostic = try #require(compilation.diagnostics.items.first { $0.message.contains(message) }, "\(compilation.diagnostics.oneLines)")
        #expect(diagnostic.location.line == line && diagnostic.location.column == column, "\(compilation.diagnostics.oneLines)")
        #expect(!compilation.diagnostics.oneLines.joined().contains("hunter2"))
    }

    @Test func aCAFileWithoutVerificationIsAWarning() {
        let compilation = Self.compile("  url: postgres://linkyd@x/db\n  ca-file: /etc/ca.pem\n")
        #expect(compilation.ruleSet != nil)
        #expect(compilation.diagnostics.items.contains { $0.message.contains("ca-file is used only with tls: verify-ca or verify-full") })
    }

    @Test func aChangedServerIsRefusedAtReloadWithRestartLinkyd() throws {
        let before = try #require(Self.compile("  url: postgres://linkyd@x/db\n").ruleSet)
        let after = try #require(Self.compile("  url: postgres://linkyd@y/db\n").ruleSet)
        var core = ControllerCore(rules: before, at: .zero, local: LocalTime(weekday: .monday, hour: 12, minute: 0))
        var events: [ControllerEvent] = []
        #expect(!core.reload(after, at: .seconds(1), into: &events))
        guard case .reloadRefused(let problems)? = events.last?.kind else { Issue.record("\(events)"); return }
        #expect(problems.contains { $0.contains("the PostgreSQL settings changed") && $0.contains("restart linkyd") })
        // The same section moved to another line of the file is no change.
        let moved = try #require(RulesCompiler.compile(source: "meters:\n  main: { port: /dev/ttyAMA0 }\n\n\npostgresql:\n  url: postgres://linkyd@x/db\n", file: "rules.yaml").ruleSet)
        #expect(core.reload(moved, at: .seconds(2), into: &events))
    }
}
