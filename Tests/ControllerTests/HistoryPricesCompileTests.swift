import Controller
import Testing

/// `history:` and `prices:` (issue 9): defaults, values, and every problem with a hint.
@Suite struct HistoryPricesCompileTests {
    static let meters = "meters:\n  main: { port: /dev/ttyAMA0 }\n"

    static func compile(_ text: String) -> Compilation { RulesCompiler.compile(source: meters + text, file: "rules.yaml") }

    @Test func defaultsWithoutTheSections() throws {
        let rules = try #require(Self.compile("").ruleSet)
        #expect(rules.history == HistoryConfig())
        #expect(rules.history.enabled && rules.history.path == "/var/lib/linkyd/history.sqlite")
        #expect(rules.prices.isEmpty)
    }

    @Test func historyValues() throws {
        let rules = try #require(Self.compile("history:\n  path: /tmp/h.sqlite\n  keep-minutes: 30 days\n  commit-every: 1 min\n").ruleSet)
        #expect(rules.history.path == "/tmp/h.sqlite")
        #expect(rules.history.keepMinutes == .seconds(30 * 86_400))
        #expect(rules.history.commitEvery == .seconds(60))
        #expect(Self.compile("history: off\n").ruleSet?.history.enabled == false)
    }

    @Test func historyProblems() {
        let messages = Self.compile("history:\n  keep-minutes: 2 h\n  commit-every: 0 s\n  time-zone: Mars/Olympus\n  pth: x\n").diagnostics.items.map(\.message)
        #expect(messages.count == 4)
        #expect(messages.contains { $0.contains("less than a day") })
        #expect(messages.contains { $0.contains("unknown time zone") })
        #expect(messages.contains { $0.contains("unknown key 'pth'") })
    }

    @Test func pricesAsTheIssueWritesThem() throws {
        let text = """
        prices:
          - from: 2026-01-01
            subscription: 0.5012 €/day
            energy:
              hc-blue: 0.1296
              hp-blue: 0.1609
              hc-white: 0.1486
              hp-white: 0.1894
              hc-red: 0.1568
              hp-red: 0.7562
            injection: 0.1276
          - from: 2026-02-01
            subscription: 15.61 €/month
            energy: { hc-blue: 0.1325, hp-blue: 0.1612, hc-white: 0.1499, hp-white: 0.1871, hc-red: 0.1575, hp-red: 0.7324 }

        """
        let compilation = Self.compile(text)
        #expect(compilation.diagnostics.isEmpty)
        let prices = try #require(compilation.ruleSet?.prices)
        let january = try #require(prices.entry(on: CalendarDate(year: 2026, month: 1, day: 31), meter: "main"))
        #expect(january.energy["hp-red"] == 0.7562 && january.subscriptionPerDay == 0.5012 && january.injection == 0.1276)
        let february = try #require(prices.entry(on: CalendarDate(year: 2026, month: 2, day: 1), meter: "main"))
        #expect(abs((february.subscriptionPerDay ?? 0) - 15.61 * 12 / 365) < 1e-12)
        #expect(prices.entry(on: CalendarDate(year: 2025, month: 12, day: 31), meter: "main") == nil)
    }

    @Test func priceProblems() {
        let text = """
        prices:
          - from: 2026-01-01
            energy: { hc: 0.2, hpp: 0.25 }
          - from: 2026-01-01
            subscription: 12
            energy: { hc-blue: 0.1 }
          - from: 2026-13-01
            meter: mian

        """
        let diagnostics = Self.compile(text).diagnostics.items
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("unknown period 'hpp'"))
        #expect(diagnostics.contains { $0.hint?.contains("did you mean 'hp'") == true })
        #expect(messages.contains { $0.contains("two price entries from 2026-01-01") })
        #expect(messages.contains { $0.contains("has no period") })
        #expect(messages.contains { $0.contains("no price for") && $0.contains("hp-red") })
        #expect(messages.contains("'2026-13-01' is not a date"))
    }
}
