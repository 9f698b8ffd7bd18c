import Controller
@testable import Export
import Foundation
@testable import History
import Testing

/// The InfluxDB exporter against a real influxd (Debian 12's InfluxDB 1.6.7, /write API) on loopback:
/// points queried back through `/query` with their values and timestamps; an outage of the server
/// loses nothing and repeats nothing; 401 and 404 are reported once with what the server answered.
@Suite(.serialized) struct InfluxExporterTests {
    static func config(_ server: InfluxServer, database: String = "linky", username: String? = nil,
                       passwordFile: String? = nil, batchSize: Int = 5000) -> InfluxDBConfig {
        var config = InfluxDBConfig(host: "127.0.0.1", port: server.port, api: .v1(database: database, username: username, passwordFile: passwordFile))
        config.batchSize = batchSize
        config.interval = .milliseconds(50)
        return config
    }

    /// Passes until the history is drained (or `limit` passes): the points sent by each pass.
    static func drain(_ exporter: inout InfluxExporter, limit: Int = 1000) async -> [Int] {
        var sent: [Int] = []
        for _ in 0..<limit {
            switch await exporter.pass() {
            case .sent(let points, _): sent.append(points)
            case .idle: return sent
            case .failed: return sent + [-1]
            }
        }
        return sent
    }

    @Test func escapingRoundTripsThroughARealServer() async throws {
        let server = try InfluxServer()
        defer { server.stop() }
        try server.query("CREATE DATABASE linky")
        let line = try #require(InfluxLineProtocol.line(
            measurement: "odd, name", tags: [("meter", "salle de bain, étage=1"), ("address", "a\\"), ("empty", ""), ("slash", "\\")],
            fields: [("f x=1", .integer(5)), ("text", .string("say \"hi\" \\ back\nnext")), ("none", nil)],
            milliseconds: 1_760_000_000_123))
        #expect(line == #"odd\,\ name,address=a,meter=salle\ de\ bain\,\ étage\=1 f\ x\=1=5i,text="say \"hi\" \\ back next" 1760000000123"#)
        let writer = InfluxWriter(config: Self.config(server), secret: nil)
        let outcome = await writer.write(line + "\n")
        #expect(outcome == .written, "\(outcome)")
        let rows = try server.select(#"SELECT * FROM "odd, name""#, database: "linky")
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["time"] as? Int == 1_760_000_000_123)
        #expect(row["meter"] as? String == "salle de bain, étage=1")
        #expect(row["f x=1"] as? Int == 5)
        #expect(row["text"] as? String == #"say "hi" \ back next"#)
        #expect(row["empty"] == nil && row["none"] == nil)
        // InfluxDB 1.6 refuses any tag ending with a backslash: it is dropped, and the line parses.
        #expect(row["address"] as? String == "a" && row["slash"] == nil, "\(row)")
        #expect(InfluxLineProtocol.line(measurement: "m", tags: [], fields: [("a", nil)], milliseconds: 0) == nil)
    }

    @Test func theHistoryArrivesWithItsValuesAndTimestampsInBatches() async throws {
        let server = try InfluxServer()
        defer { server.stop() }
        try server.query("CREATE DATABASE linky")
        let path = server.directory.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore.open(path: path)
        try InfluxHistory.write(store, minutes: 0..<100)
        let log = LogRecorder()
        var exporter = InfluxExporter(config: Self.config(server, batchSize: 37), secret: nil, historyPath: path, logger: log.logger)
        let sent = await Self.drain(&exporter)
        let (minutes, snapshots) = InfluxHistory.rows(minutes: 100)
        let total = 2 * (minutes + snapshots)
        #expect(sent.reduce(0, +) == total && sent.allSatisfy { $0 <= 37 } && sent.count == (total + 36) / 37, "\(sent)")

        let power = try server.select("SELECT samples, p_mean, p_min, p_max, u1_min, p1_mean FROM linky_power WHERE meter = 'garage' ORDER BY time", database: "linky")
        #expect(power.count == minutes)
        for (offset, row) in power.enumerated() {
            let minute = InfluxHistory.start + Int64(offset)
            #expect(row["time"] as? Int == Int(minute) * 60_000)
            #expect(row["p_mean"] as? Int == InfluxHistory.power(minute: minute, meter: 1))
            #expect(row["p_min"] as? Int == InfluxHistory.power(minute: minute, meter: 1) - 100)
            #expect(row["samples"] as? Int == 35 && row["u1_min"] as? Int == 229)
            #expect(row["p1_mean"] is NSNull, "a value the meter does not send is left out: \(row)")
        }
        let energy = try server.select("SELECT easf01, easf02, east, period FROM linky_energy WHERE meter = 'main' AND address = '021528603314' ORDER BY time", database: "linky")
        #expect(energy.count == snapshots)
        for (n, row) in energy.enumerated() {
            let minute = InfluxHistory.start + Int64(n * 15)
            #expect(row["time"] as? Int == Int(minute) * 60_000 + 250)
            #expect(row["easf01"] as? Int == InfluxHistory.index(minute: minute, meter: 0))
            #expect(row["east"] as? Int == InfluxHistory.index(minute: minute, meter: 0) + 5_000_000)
            #expect(row["period"] as? String == (n % 2 == 0 ? "hc-blue" : "hp-blue"))
        }
        // Integers stay integers (the `i` suffix), so Grafana's sums are exact.
        let types = try server.select("SHOW FIELD KEYS FROM linky_energy", database: "linky")
        #expect(types.contains { $0["fieldKey"] as? String == "easf01" && $0["fieldType"] as? String == "integer" })
        #expect(log.matching("writing to http://127.0.0.1:\(server.port) (database linky)").count == 1, "\(log.messages)")
        // The cursor is durable: another exporter (linkyd restarted) has nothing to send.
        #expect(ExportCursor.load(path: InfluxExporter.cursorPath(history: path))?["power_minute"] == Int64(2 * minutes))
        var again = InfluxExporter(config: Self.config(server), secret: nil, historyPath: path, logger: log.logger)
        #expect(await again.pass() == .idle)
    }

    @Test func anOutageOfTheServerLosesAndRepeatsNothing() async throws {
        let server = try InfluxServer()
        defer { server.stop() }
        try server.query("CREATE DATABASE linky")
        let path = server.directory.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore.open(path: path)
        try InfluxHistory.write(store, minutes: 0..<30)
        let log = LogRecorder()
        var exporter = InfluxExporter(config: Self.config(server, batchSize: 50), secret: nil, historyPath: path, logger: log.logger)
        var sent = await Self.drain(&exporter)

        server.stop()
        try InfluxHistory.write(store, minutes: 30..<90)
        for _ in 0..<5 {
            guard case .failed(let delay) = await exporter.pass() else { Issue.record("a pass succeeded with the server down"); break }
            #expect(delay > .zero)
        }
        let down = log.matching("influxdb: http://127.0.0.1:\(server.port)")
        #expect(down.count == 1, "reported once per outage: \(log.messages)")
        #expect(down.first?.contains("retrying with backoff") == true, "\(down)")
        #expect(down.first?.contains(": connection refused (is influxd running") == true, "\(down)")

        try server.start()
        sent += await Self.drain(&exporter)
        #expect(log.matching("writing again").count == 1, "\(log.messages)")
        let (minutes, snapshots) = InfluxHistory.rows(minutes: 90)
        // Nothing sent twice: every row went out exactly once, and every one is there.
        #expect(sent.reduce(0, +) == 2 * (minutes + snapshots), "\(sent)")
        let counts = try server.select("SELECT COUNT(p_mean) FROM linky_power GROUP BY meter", database: "linky")
        #expect(counts.map { $0["count"] as? Int } == [minutes, minutes], "\(counts)")
        let energy = try server.select("SELECT COUNT(easf01) FROM linky_energy", database: "linky")
        #expect(energy.first?["count"] as? Int == 2 * snapshots)
        let times = try server.select("SELECT p_mean FROM linky_power WHERE meter = 'main' ORDER BY time", database: "linky").compactMap { $0["time"] as? Int }
        #expect(times == (0..<90).map { Int(InfluxHistory.start + Int64($0)) * 60_000 })
    }

    @Test func aMissingDatabaseIsReportedOnceWithTheServersAnswer() async throws {
        let server = try InfluxServer()
        defer { server.stop() }
        let path = server.directory.appendingPathComponent("history.sqlite").path
        try InfluxHistory.write(try HistoryStore.open(path: path), minutes: 0..<10)
        let log = LogRecorder()
        var exporter = InfluxExporter(config: Self.config(server, database: "nowhere"), secret: nil, historyPath: path, logger: log.logger)
        for _ in 0..<3 { #expect(await exporter.pass() != .idle) }
        let reports = log.matching("answered HTTP 404")
        #expect(reports.count == 1, "\(log.messages)")
        #expect(reports.first?.contains("database not found") == true, "\(reports)")
        #expect(reports.first?.contains("CREATE DATABASE nowhere") == true, "\(reports)")
        #expect(ExportCursor.load(path: InfluxExporter.cursorPath(history: path)) == nil, "the cursor never moved")
        try server.query("CREATE DATABASE nowhere")
        let sent = await Self.drain(&exporter)
        #expect(sent.reduce(0, +) == 2 * (10 + 1) && log.matching("writing again").count == 1, "\(sent) \(log.messages)")
    }

    @Test func aWrongPasswordIsReportedOnceAndNeverLogged() async throws {
        let server = try InfluxServer(authEnabled: true)
        defer { server.stop() }
        // With auth on and no user yet, InfluxDB 1.x lets the first admin be created.
        try server.query("CREATE USER admin WITH PASSWORD 'admin-secret' WITH ALL PRIVILEGES")
        try server.query("CREATE DATABASE linky", user: ("admin", "admin-secret"))
        try server.query("CREATE USER linkyd WITH PASSWORD 'right-one'", user: ("admin", "admin-secret"))
        try server.query("GRANT WRITE ON linky TO linkyd", user: ("admin", "admin-secret"))
        let path = server.directory.appendingPathComponent("history.sqlite").path
        try InfluxHistory.write(try HistoryStore.open(path: path), minutes: 0..<10)
        let passwordFile = server.directory.appendingPathComponent("influxdb.password").path
        try "wrong-one\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let config = Self.config(server, username: "linkyd", passwordFile: passwordFile)
        let log = LogRecorder()
        var exporter = InfluxExporter(config: config, secret: try InfluxService.secret(of: config), historyPath: path, logger: log.logger)
        for _ in 0..<3 { #expect(await exporter.pass() != .idle) }
        let reports = log.matching("answered HTTP 401")
        #expect(reports.count == 1, "\(log.messages)")
        #expect(reports.first?.contains("authorization failed") == true && reports.first?.contains("password-file") == true, "\(reports)")
        #expect(!log.messages.joined().contains("wrong-one"))

        try "right-one\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        var fixed = InfluxExporter(config: config, secret: try InfluxService.secret(of: config), historyPath: path, logger: log.logger)
        #expect(await Self.drain(&fixed).reduce(0, +) == 2 * 11)
        let count = try server.query("SELECT COUNT(p_mean) FROM linky_power", database: "linky", user: ("admin", "admin-secret"))
        #expect("\(count)".contains("20"), "\(count)")
        #expect(!log.messages.joined().contains("right-one"))
    }

    @Test func anUnreadableSecretFileNamesTheFileNotItsContent() throws {
        var config = InfluxDBConfig(host: "127.0.0.1", api: .v2(org: "home", bucket: "linky", tokenFile: "/nonexistent/influxdb.token"))
        #expect(throws: ExportError.self) { try InfluxService.secret(of: config) }
        do { _ = try InfluxService.secret(of: config) } catch { #expect(error.description.contains("cannot read the token file /nonexistent/influxdb.token"), "\(error)") }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-empty-token-\(UUID())").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: empty) }
        config.api = .v2(org: "home", bucket: "linky", tokenFile: empty)
        do { _ = try InfluxService.secret(of: config); Issue.record("an empty token was accepted") } catch { #expect(error.problem.contains("is empty")) }
        config.api = .v1(database: "linky", username: nil, passwordFile: nil)
        #expect(try InfluxService.secret(of: config) == nil)
    }

    /// InfluxDB 2's API is not on Debian 12's influxd (1.6 has no /api/v2/write): what can be checked
    /// here is the request linkyd builds — URL, query, token header — not a v2 server's answer.
    @Test func theV2RequestCarriesOrgBucketAndTheToken() throws {
        let config = InfluxDBConfig(scheme: "https", host: "nas", port: 8443, path: "/influx", api: .v2(org: "my home", bucket: "linky", tokenFile: "/t"))
        let request = InfluxWriter(config: config, secret: "tok3n").request(body: "m f=1i 0\n")
        #expect(request.url == "https://nas:8443/influx/api/v2/write?org=my%20home&bucket=linky&precision=ms")
        #expect(request.method == .POST)
        #expect(request.headers["Authorization"] == ["Token tok3n"])
        let v1 = InfluxWriter(config: InfluxDBConfig(host: "x", api: .v1(database: "li&nky", username: "u", passwordFile: "/p")), secret: "pw")
        #expect(v1.request(body: "").url == "http://x:8086/write?db=li%26nky&precision=ms")
        #expect(v1.request(body: "").headers["Authorization"] == ["Basic " + Data("u:pw".utf8).base64EncodedString()])
    }
}
