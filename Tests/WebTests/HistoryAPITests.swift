import Controller
import Foundation
import HALTesting
import History
import TIC
import Testing
@testable import Web
@testable import linkyd

/// `/api/energy[.csv]`, `/api/power[.csv]`, `/energy`, `/power` against a real server reading a real
/// history (the demo's simulated household through the rules, ``HistoryFixture``).
@Suite(.serialized)
struct HistoryAPITests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
    static func error(_ response: HTTPClient.Response) -> String? {
        (try? json(response.body) as? [String: Any])?["error"] as? String
    }

    @Test func energyRowsAreTheRowsOfReportJSON() async throws {
        let fixture = try HistoryFixture.get()
        let server = try TestServer(history: try HistoryFixture.source())
        let client = HTTPClient(port: server.port)
        for by in ["day", "month", "hour"] {
            let range = by == "hour" ? "&from=\(fixture.summary.to)&to=\(fixture.summary.to)" : ""
            let response = client.get("/api/energy?by=\(by)\(range)")
            #expect(response.status == 200, "\(response.body)")
            #expect(response.headers["content-type"] == "application/json")
            let rows = try require(try Self.json(response.body) as? [[String: Any]])
            #expect(!rows.isEmpty)
            // The same objects, byte for byte, as `linkyd report --json` on the same file and rules.
            var arguments = ["report", "--db", fixture.path, "--rules", fixture.rulesPath, "--by", by, "--json"]
            if by == "hour" { arguments += ["--from", fixture.summary.to.description, "--to", fixture.summary.to.description] }
            let report = try HistoryFixture.linkyd(arguments).split(separator: "\n").map(String.init)
            let body = response.body.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(body == "[" + report.joined(separator: ",\n") + "]", "by \(by)")
            for row in rows {
                #expect(Set(row.keys).isSuperset(of: ["meter", "date", "energy_wh", "cost_eur", "subscription_eur", "total_eur",
                                                      "injected_wh", "injection_eur", "total_wh", "unpriced"]), "\(row.keys)")
                let energy = try require(row["energy_wh"] as? [String: Int])
                #expect(energy.values.reduce(0, +) == row["total_wh"] as? Int)
                #expect(row["meter"] as? String == "main")
            }
        }
        // Days add up to months (the bars and the summary use both).
        let days = try require(try Self.json(client.get("/api/energy?by=day").body) as? [[String: Any]])
        let months = try require(try Self.json(client.get("/api/energy?by=month").body) as? [[String: Any]])
        for month in months {
            let name = try require(month["date"] as? String)
            let sum = days.filter { ($0["date"] as? String)?.hasPrefix(name) == true }.compactMap { $0["total_wh"] as? Int }.reduce(0, +)
            #expect(sum == month["total_wh"] as? Int, "\(name)")
        }
        #expect((10...11).contains(days.count), "10 days and today (none yet just after midnight): \(days.map { $0["date"] ?? "" })")
        // A range: only its days.
        let one = try require(try Self.json(client.get("/api/energy?from=\(fixture.summary.to)&to=\(fixture.summary.to)").body) as? [[String: Any]])
        #expect(one.map { $0["date"] as? String } == [fixture.summary.to.description])
        // CSV: the lines of `linkyd report --csv`.
        let csv = client.get("/api/energy.csv?by=month")
        #expect(csv.status == 200)
        #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
        let reportCSV = try HistoryFixture.linkyd(["report", "--db", fixture.path, "--rules", fixture.rulesPath, "--by", "month", "--csv"])
        #expect(csv.body == reportCSV)
        await server.stop()
    }

    @Test func powerHasTheSeriesThePeriodsAndTheEvents() async throws {
        let fixture = try HistoryFixture.get()
        let server = try TestServer(history: try HistoryFixture.source())
        let client = HTTPClient(port: server.port)
        let response = client.get("/api/power?meter=main")
        #expect(response.status == 200, "\(response.body)")
        let object = try require(try Self.json(response.body) as? [String: Any])
        #expect(object["step"] as? String == "1m", "yesterday and today: by minute")
        #expect(object["to"] as? String == fixture.summary.to.description)
        let columns = try require(object["columns"] as? [String])
        #expect(Array(columns.prefix(3)) == ["t", "samples", "p_mean"])
        #expect(columns.count == 2 + HistoryStore.powerColumns.count)
        let main = try require((object["meters"] as? [String: Any])?["main"] as? [String: Any])
        let rows = try require(main["rows"] as? [[Any]])
        #expect(rows.count > 1000, "a frame a minute over the last day and more: \(rows.count)")
        #expect(rows.allSatisfy { $0.count == columns.count })
        let times = rows.compactMap { $0[0] as? Int }
        #expect(times == times.sorted() && times.count == rows.count)
        let power = rows.compactMap { $0[2] as? Int }
        #expect(power.min().map { $0 < 800 } == true && power.max().map { $0 > 2000 } == true, "the household's day")
        let periods = try require(main["periods"] as? [[Any]])
        #expect(periods.count >= 2)
        let known = Set(TariffPeriod.allCases.map(\.rawValue))
        #expect(periods.allSatisfy { ($0[1] as? String).map(known.contains) == true })
        let events = try require(object["events"] as? [[String: Any]])
        let kinds = Set(events.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["switched", "meter-lost", "meter-back"]), "\(kinds)")
        #expect(!kinds.contains("period"), "period changes are the bands, not marks")
        let time = try require(events.first?["time"] as? String)
        #expect(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"#, options: .regularExpression) != nil, "\(time)")
        // Hours over the ten days; days over the year.
        let hours = try require(try Self.json(client.get("/api/power?from=\(fixture.summary.from)&step=1h").body) as? [String: Any])
        let hourRows = try require(((hours["meters"] as? [String: Any])?["main"] as? [String: Any])?["rows"] as? [[Any]])
        #expect(hourRows.count >= 10 * 24 - 2 && hourRows.count <= 11 * 24, "\(hourRows.count)")
        // CSV: the columns of `linkyd export`.
        let csv = client.get("/api/power.csv?step=1h")
        #expect(csv.status == 200)
        let lines = csv.body.split(separator: "\n")
        #expect(lines.first.map(String.init) == (["meter", "time", "samples"] + HistoryStore.powerColumns).joined(separator: ","))
        #expect(lines.count > 24 && lines.dropFirst().allSatisfy { $0.hasPrefix("main,20") })
        await server.stop()
    }

    @Test func badQueriesAreRefusedWithWhatIsAccepted() async throws {
        let server = try TestServer(history: try HistoryFixture.source())
        let client = HTTPClient(port: server.port)
        let cases: [(String, Int, String)] = [
            ("/api/energy?by=week", 400, "by must be hour, day, month or year, not 'week'"),
            ("/api/energy?from=2026-13-01", 400, "from must be a local day YYYY-MM-DD, e.g. 2026-01-15, not '2026-13-01'"),
            ("/api/energy?to=yesterday", 400, "to must be a local day YYYY-MM-DD, e.g. 2026-01-15, not 'yesterday'"),
            ("/api/energy?from=2026-02-01&to=2026-01-01", 400, "from (2026-02-01) is after to (2026-01-01): from is the first local day, to the last, included"),
            ("/api/energy?period=hc", 400, "unknown query parameter 'period' (accepted: meter, by, from, to)"),
            ("/api/energy?meter=garage", 404, "unknown meter 'garage'; the meters are 'main'"),
            ("/api/power?step=5m", 400, "step must be 1m, 1h or 1d, not '5m'"),
            ("/api/power?from=2026-01-01&to=2026-03-01&step=1m", 400, "step=1m covers at most 31 days (asked: 60, from 2026-01-01 to 2026-03-01); use step=1h or 1d"),
            ("/api/power?meter=garage", 404, "unknown meter 'garage'; the meters are 'main'"),
            ("/api/power?by=day", 400, "unknown query parameter 'by' (accepted: meter, from, to, step)"),
        ]
        for (path, status, message) in cases {
            let response = client.get(path)
            #expect(response.status == status, "\(path): \(response.status) \(response.body)")
            #expect(Self.error(response) == message, "\(path): \(response.body)")
        }
        // The CSV variants answer in text.
        let csv = client.get("/api/energy.csv?by=fortnight")
        #expect(csv.status == 400)
        #expect(csv.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(csv.body == "by must be hour, day, month or year, not 'fortnight'\n")
        #expect(client.get("/api/power.csv?meter=garage").status == 404)
        #expect(client.get("/energy?by=day").status == 400)
        await server.stop()
    }

    @Test func withoutAHistoryTheAPIAndThePagesSaySo() async throws {
        let off = try TestServer()
        let client = HTTPClient(port: off.port)
        for path in ["/api/energy", "/api/power", "/api/energy.csv"] {
            let response = client.get(path)
            #expect(response.status == 503, "\(path)")
            #expect(response.body.contains("the history is off (history: off in the rules file)"), "\(path): \(response.body)")
        }
        let page = client.get("/energy")
        #expect(page.status == 200)
        #expect(page.body.contains("the history is off"))
        await off.stop()
        let missing = HistorySource(path: "/nonexistent/history.sqlite", calendar: LocalCalendar(identifier: "Europe/Paris")!, prices: PriceSchedule())
        let server = try TestServer(history: missing)
        let response = HTTPClient(port: server.port).get("/api/power")
        #expect(response.status == 503)
        #expect(Self.error(response)?.hasPrefix("the history /nonexistent/history.sqlite cannot be read: no history file") == true, "\(response.body)")
        #expect(HTTPClient(port: server.port).get("/power").body.contains("no history file"))
        await server.stop()
    }

    @Test func thePagesShowTheNumbersAndTheLibrariesComeFromDebian() async throws {
        let server = try TestServer(history: try HistoryFixture.source())
        let client = HTTPClient(port: server.port)
        let energy = client.get("/energy")
        #expect(energy.status == 200)
        for text in ["Aujourd&#39;hui", "Hier", "Ce mois-ci", "Cette année", "Abonnement (part)", "kWh", " €",
                     "/javascript/chart.js/chart.min.js", "HP bleu"] {
            #expect(energy.body.contains(text), "missing \(text)")
        }
        #expect(client.get("/energy?lang=en").body.contains("This month"))
        let power = client.get("/power?lang=en")
        #expect(power.body.contains("/javascript/dygraphs/dygraph.min.js") && power.body.contains("Apparent power"))
        #expect(!energy.body.contains("http://") && !power.body.contains("https://"), "no CDN")
        if FileManager.default.fileExists(atPath: "/usr/share/javascript/chart.js/chart.min.js") {
            let library = client.get("/javascript/chart.js/chart.min.js")
            #expect(library.status == 200)
            #expect(library.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(library.body.contains("Chart"))
        }
        #expect(client.get("/javascript/chart.js/../../../etc/passwd").status == 404)
        #expect(client.get("/javascript/jquery/jquery.js").status == 404, "only the charting files are served")
        await server.stop()
        // Libraries missing: a 404 that names the package; the page still has its numbers.
        let bare = try TestServer(history: try HistoryFixture.source(), javascriptRoot: "/nonexistent")
        let bareClient = HTTPClient(port: bare.port)
        let missing = bareClient.get("/javascript/dygraphs/dygraph.min.js")
        #expect(missing.status == 404)
        #expect(missing.body.contains("install Debian's libjs-dygraphs (sudo apt-get install libjs-dygraphs)"), "\(missing.body)")
        let page = bareClient.get("/energy")
        #expect(page.body.contains("libjs-chart.js") && page.body.contains("kWh"))
        await bare.stop()
    }

    /// While another connection holds the history's write lock (as the recorder does during a commit),
    /// the API still answers: its reads are WAL readers and never wait for the writer.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3's sqlite3 module"))
    func readsDoNotWaitForTheRecorder() async throws {
        let fixture = try HistoryFixture.get()
        let server = try TestServer(history: try HistoryFixture.source())
        let client = HTTPClient(port: server.port)
        #expect(client.get("/api/power").status == 200)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        writer.arguments = ["-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            c.execute("INSERT INTO event (t, meter, kind, detail) VALUES (1, NULL, 'test', 'held')")
            print("locked", flush=True)
            time.sleep(8)
            c.execute("ROLLBACK")
            """, fixture.path]
        let pipe = Pipe()
        writer.standardOutput = pipe
        try writer.run()
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        #expect(line.hasPrefix("locked"), "the writer did not get the lock: \(line)")
        let start = Date()
        let power = client.get("/api/power")
        let energy = client.get("/api/energy?by=month")
        let page = client.get("/energy")
        print("HistoryAPITests: three reads under a held write lock in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        #expect(writer.isRunning, "the answers came only after the writer let go")
        #expect(power.status == 200 && energy.status == 200 && page.status == 200, "\(power.body.prefix(200))")
        kill(writer.processIdentifier, SIGKILL)  // (SIGTERM may be blocked in the mask it inherited)
        writer.waitUntilExit()
        await server.stop()
    }
}

/// Three-phase and producer meters: a curve per phase, the injection in the energy rows and pages.
@Suite(.serialized)
struct ProducerAPITests {
    @Test func threePhaseAndInjectionReachTheAPIAndThePages() async throws {
        let server = try TestServer(history: try ProducerFixture.made.get())
        let client = HTTPClient(port: server.port)
        let power = try require(try HistoryAPITests.json(client.get("/api/power?meter=garage&step=1h").body) as? [String: Any])
        let columns = try require(power["columns"] as? [String])
        let rows = try require(((power["meters"] as? [String: Any])?["garage"] as? [String: Any])?["rows"] as? [[Any]])
        #expect(rows.count >= 24)
        for (phase, expected) in [("p1_mean", 1200), ("p2_mean", 800), ("p3_mean", 400)] {
            let index = try require(columns.firstIndex(of: phase))
            let values = rows.compactMap { $0[index] as? Int }
            #expect(values.count == rows.count && values.allSatisfy { abs($0 - expected) <= expected / 20 }, "\(phase): \(values.prefix(5))")
        }
        let energy = try require(try HistoryAPITests.json(client.get("/api/energy?meter=solar").body) as? [[String: Any]])
        let full = try require(energy.dropFirst().first)  // a whole day
        #expect(full["injected_wh"] as? Int == 9000, "1500 VA for 6 h: \(full)")
        #expect((full["injection_eur"] as? Double).map { abs($0 - 0.9) < 0.001 } == true)
        let base = (full["energy_wh"] as? [String: Int])?["base"] ?? 0
        #expect(abs(base - 12000) <= 120, "500 VA for 24 h (to a frame's 5 minutes): \(base)")
        let garage = try require(try HistoryAPITests.json(client.get("/api/energy?meter=garage").body) as? [[String: Any]])
        #expect(garage.dropFirst().first?["injected_wh"] is NSNull, "no injection index: null, not 0")
        let page = client.get("/energy?lang=en")
        #expect(page.body.contains("data-meter=\"solar\"") && page.body.contains("data-meter=\"garage\""))
        #expect(page.body.contains("<tr class=\"inj\"><th>Injection</th>"))
        #expect(page.body.contains("No energy recorded this year for this meter."), "main (configured) has no history here")
        await server.stop()
    }

    /// `systemctl reload` with new prices: the energy API (and page) re-cost at once, from the rules
    /// in force — a real `linkyd run` on its history, SIGHUP, the same days at twice the price.
    @Test func pricesFollowAReload() async throws {
        let pty = try PseudoTerminal()
        let port = LinkydProcess.freePort()
        let rulesPath = try HistoryBrowserTests.daemonRules(port: pty.slavePath, listen: "127.0.0.1:\(port)")
        let linkyd = try LinkydProcess(rules: rulesPath)
        defer { linkyd.stop() }
        #expect(linkyd.pageAddress() != nil, "\(linkyd.log)")
        let client = HTTPClient(port: port)
        func costs() throws -> [String: Double] {
            let rows = try require(try HistoryAPITests.json(client.get("/api/energy?by=day").body) as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: rows.compactMap { row in
                // The energy's cost: the total without the subscription.
                guard let date = row["date"] as? String, let total = row["total_eur"] as? Double,
                      let subscription = row["subscription_eur"] as? Double else { return nil }
                return (date, total - subscription)
            })
        }
        /// The page's euros: the subscription row and the total row, one value per column (today,
        /// yesterday, this month, this year), from `1,234.56<span class="unit"> €` in English.
        func pageEuros() -> (subscription: [Double], total: [Double]) {
            let page = client.get("/energy?lang=en").body
            func row(_ name: String) -> [Double] {
                guard let start = page.range(of: "<tr class=\"\(name)\">"),
                      let end = page.range(of: "</tr>", range: start.upperBound..<page.endIndex) else { return [] }
                return page[start.upperBound..<end.lowerBound].components(separatedBy: "<span class=\"unit\"> €").dropLast()
                    .compactMap { Double(String($0.reversed().prefix { $0.isNumber || $0 == "." || $0 == "," }.reversed()).replacingOccurrences(of: ",", with: "")) }
            }
            return (row("sub"), row("total"))
        }
        let before = try costs()
        let pageBefore = pageEuros()
        #expect(before.count >= 10 && before.values.allSatisfy { $0 > 0 }, "\(before) \(client.get("/api/energy?by=day").body.prefix(600))")
        #expect(pageBefore.total.count >= 3 && pageBefore.total.count == pageBefore.subscription.count, "\(pageBefore)")
        // Every energy price doubled, the subscription kept.
        let text = try String(contentsOfFile: rulesPath, encoding: .utf8)
        let doubled = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.contains("energy: { hc-blue") else { return String(line) }
            return line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                let number = word.trimmingCharacters(in: CharacterSet(charactersIn: ",}"))
                guard let value = Double(number) else { return String(word) }
                return String(word).replacingOccurrences(of: number, with: String(format: "%.4f", value * 2))
            }.joined(separator: " ")
        }.joined(separator: "\n")
        #expect(doubled != text)
        try doubled.write(toFile: rulesPath, atomically: true, encoding: .utf8)
        kill(linkyd.process.processIdentifier, SIGHUP)
        #expect(linkyd.waitForLog("rules reloaded"), "\(linkyd.log)\n\(doubled)")
        let after = try costs()
        #expect(Set(after.keys) == Set(before.keys))
        for (date, cost) in before {
            let now = try require(after[date])
            #expect(abs(now - 2 * cost) <= 0.011, "\(date): \(cost) € before, \(now) € after the reload")
        }
        // The page re-costs too: each column's energy euros (total less subscription) doubled, to the cent
        // of the three rounded figures.
        let pageAfter = pageEuros()
        #expect(pageAfter.subscription == pageBefore.subscription, "\(pageBefore) → \(pageAfter)")
        #expect(pageAfter.total.count == pageBefore.total.count)
        for (index, total) in pageBefore.total.enumerated() where index < pageAfter.total.count {
            let subscription = pageBefore.subscription[index]
            #expect(abs((pageAfter.total[index] - subscription) - 2 * (total - subscription)) <= 0.031,
                    "column \(index): \(total) € before, \(pageAfter.total[index]) € after (subscription \(subscription) €)")
        }
    }
}
