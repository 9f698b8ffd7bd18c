import HALTesting
import Foundation
import Testing

/// The real `linkyd run --dry-run` with a `postgresql:` section, a pseudo-terminal meter and a real
/// PostgreSQL: the server down when linkyd starts (logged once, the outputs still controlled), then
/// up: the history's rows arrive; the password never in linkyd's output.
@Suite(.serialized) struct PostgresLinkydTests {
    @Test func linkydRunExportsToAServerThatComesUpLater() async throws {
        let server = try PostgresServer()
        server.stop()
        let meter = try PseudoTerminal()
        let feeding = Feeder(meter)
        defer { feeding.stop() }
        let rules = try LinkydRun.writeRules(meter: meter, in: server.directory, """
        history: { path: \(server.directory.path)/history.sqlite, commit-every: 1 s }
        postgresql:
          url: postgres://linkyd@127.0.0.1:\(server.port)/linky?sslmode=disable
          password-file: \(server.passwordFile)
          source: pi-e2e
        """)
        let linkyd = try LinkydRun(rulesFile: rules, logIn: server.directory)

        // The server is down: said once, and the controller goes on (the heater is driven by the rules).
        #expect(try await PostgresExportTests.wait(until: { linkyd.log.contains("postgresql: postgres://linkyd@127.0.0.1:\(server.port)/linky: cannot connect") }, seconds: 30),
                "\(linkyd.log)")
        try await Task.sleep(for: .seconds(3))
        #expect(linkyd.log.components(separatedBy: "cannot connect").count == 2, "\(linkyd.log)")
        #expect(linkyd.log.contains("heater"), "\(linkyd.log)")

        try server.start()
        #expect(try await PostgresExportTests.wait(until: {
            try server.psql("SELECT COUNT(*) FROM energy_snapshot") != "0" && server.psql("SELECT COUNT(*) FROM event WHERE source = 'pi-e2e'") != "0"
        }, seconds: 60), "\(linkyd.log)")
        #expect(try server.psql("SELECT meter, source FROM series") == "main|pi-e2e")
        #expect(linkyd.log.contains("postgresql: connected to postgres://linkyd@127.0.0.1:\(server.port)/linky again"), "\(linkyd.log)")

        linkyd.stop(SIGTERM)
        #expect(!linkyd.log.contains(PostgresServer.password))
        #expect(FileManager.default.fileExists(atPath: server.directory.path + "/history.sqlite.postgresql-cursor"))
    }
}
