import HALTesting
import Foundation
import Testing

/// The real `linkyd run --dry-run` with an `influxdb:` section, a pseudo-terminal meter and a real
/// influxd: the history's index snapshots reach InfluxDB, queried back through `/query`.
@Suite(.serialized) struct InfluxLinkydTests {
    @Test func linkydRunWritesTheMetersIndexesToInfluxDB() throws {
        let server = try InfluxServer()
        defer { server.stop() }
        try server.query("CREATE DATABASE linky")
        let meter = try PseudoTerminal()
        let feeding = Feeder(meter)
        defer { feeding.stop() }
        let rules = try LinkydRun.writeRules(meter: meter, in: server.directory, """
        history: { path: \(server.directory.path)/history.sqlite, commit-every: 1 s }
        web: { listen: 127.0.0.1:0 }
        influxdb:
          url: \(server.url)
          database: linky
          interval: 1 s
        """)
        let linkyd = try LinkydRun(rulesFile: rules, logIn: server.directory)

        // The history's first snapshot (reason "start") is committed within commit-every, then sent.
        var rows: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(30)
        while rows.isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            rows = (try? server.select("SELECT * FROM linky_energy", database: "linky")) ?? []
        }
        let row = try #require(rows.first, "no snapshot in InfluxDB: \(linkyd.log)")
        #expect(row["meter"] as? String == "main")
        #expect((row["address"] as? String)?.count == 12, "\(row)")
        #expect((row["easf01"] as? Int ?? 0) > 0, "the Tempo meter's first index: \(row)")
        let time = try #require(row["time"] as? Int)
        #expect(abs(Double(time) / 1000 - Date().timeIntervalSince1970) < 60, "a snapshot of now: \(time)")
        #expect(linkyd.log.contains("influxdb: writing to \(server.url) (database linky)"), "\(linkyd.log)")

        linkyd.stop(SIGTERM)
        #expect(linkyd.process.terminationStatus == 0, "\(linkyd.log)")
        let cursor = try String(contentsOfFile: server.directory.path + "/history.sqlite.influxdb-cursor", encoding: .utf8)
        #expect(cursor.contains("energy_snapshot="), "\(cursor)")
    }
}
