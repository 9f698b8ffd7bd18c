import Controller
import Foundation
import HummingbirdBcrypt
import TIC
import Testing
@testable import Web

/// `/api/status`, `/api/events`, `/metrics` and the errors, against a real server on loopback.
@Suite(.serialized)
struct APITests {
    static func json(_ text: String) throws -> [String: Any] {
        try require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func statusHasTheKeysOfDecodeJSONAndTheOutputs() async throws {
        let server = try TestServer()
        server.feed(power: 1230)
        let response = HTTPClient(port: server.port).get("/api/status")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let object = try Self.json(response.body)
        let meters = try require(object["meters"] as? [String: Any])
        let main = try require(meters["main"] as? [String: Any])
        let decodeKeys = MeterState().jsonObject(frame: 0, complete: false).line
        for key in try Self.json(decodeKeys).keys { #expect(main.keys.contains(key), "missing \(key)") }
        #expect(main["apparent_power_va"] as? Int == 1230)
        #expect(main["signal"] as? String == "ok")
        #expect((main["last_frame_age_s"] as? Double).map { $0 >= 0 && $0 < 5 } == true)
        let outputs = try require(object["outputs"] as? [String: Any])
        let heater = try require(outputs["water-heater"] as? [String: Any])
        #expect(heater["state"] as? String == "on")
        #expect(heater["reason"] as? String == "rule 'off-peak heating'")
        let since = try require(heater["since"] as? String)
        #expect(since.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"#, options: .regularExpression) != nil, "\(since)")
        // The meter's keys come in the order `linkyd decode --json` prints them.
        let body = response.body
        let positions = ["\"frame\"", "\"mode\"", "\"apparent_power_va\"", "\"message\"", "\"last_frame_age_s\"", "\"signal\""]
            .map { body.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        await server.stop()
    }

    @Test func badRequestsAreRefusedWithAMessage() async throws {
        let server = try TestServer()
        server.feed(power: 500)
        let client = HTTPClient(port: server.port)
        let unknown = client.get("/api/status?metre=main")
        #expect(unknown.status == 400)
        #expect(try Self.json(unknown.body)["error"] as? String == "unknown query parameter 'metre' (accepted: meter)")
        let meter = client.get("/api/status?meter=garage")
        #expect(meter.status == 400)
        #expect(try Self.json(meter.body)["error"] as? String == "unknown meter 'garage'; the meters are 'main'")
        #expect(client.get("/api/status?meter=main").status == 200)
        #expect(client.get("/api/events?since=3").status == 400)
        #expect(client.get("/?lang=de").status == 400)
        #expect(client.get("/metrics?x=1").status == 400)
        let post = client.get("/api/status", method: "POST")
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
        let missing = client.get("/api/nothing")
        #expect(missing.status == 404)
        #expect(try Self.json(missing.body)["error"] as? String == "no such page: /api/nothing")
        await server.stop()
    }

    @Test func eventsStreamStatusesAndSwitches() async throws {
        let server = try TestServer()
        server.feed(power: 700, period: "HPJB")
        let stream = HTTPClient.Stream(port: server.port)
        #expect(stream.read(until: "\"apparent_power_va\":700"), "\(stream.received)")
        #expect(stream.received.lowercased().contains("content-type: text/event-stream"))
        #expect(stream.received.contains("event: status\ndata: {"))
        server.feed(power: 1800)  // off-peak now: the heater switches on
        #expect(stream.read(until: "event: switch"), "\(stream.received)")
        #expect(stream.read(until: "\"apparent_power_va\":1800"), "\(stream.received)")
        #expect(stream.received.contains(#""output":"water-heater","from":"off","to":"on""#))
        await server.stop()
    }

    @Test func aClientThatNeverReadsIsDroppedWithoutDelayingAnyone() {
        let hub = SSEHub(capacity: 4)
        let reader = hub.connect(first: [])!
        _ = hub.connect(first: [])!
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for index in 0..<100 { hub.broadcast(SSEHub.message(event: "status", data: "\(index)")) }
        }
        #expect(hub.droppedCount == 2, "both stopped reading: both dropped once full")
        #expect(hub.count == 0)
        #expect(elapsed < .seconds(1))
        _ = reader
    }

    /// Live statuses (one at every new power) only while a page is open: the hub follows them from its
    /// first client to its last, whichever way the last goes (disconnect, dropped, closed).
    @Test func theHubFollowsLiveStatusesWhileAClientIsConnected() {
        let broadcaster = EventBroadcaster()
        let hub = SSEHub(capacity: 2)
        hub.follow(broadcaster)
        #expect(!broadcaster.wantsLiveStatus)
        let first = hub.connect(first: [])!
        let second = hub.connect(first: [])!
        #expect(broadcaster.wantsLiveStatus)
        hub.disconnect(first)
        #expect(broadcaster.wantsLiveStatus)
        hub.disconnect(second)
        #expect(!broadcaster.wantsLiveStatus)
        _ = hub.connect(first: [])!
        #expect(broadcaster.wantsLiveStatus)
        for index in 0..<3 { hub.broadcast(SSEHub.message(event: "status", data: "\(index)")) }   // never read: dropped
        #expect(hub.count == 0 && !broadcaster.wantsLiveStatus)
        _ = hub.connect(first: [])!
        hub.close()
        #expect(!broadcaster.wantsLiveStatus)
    }

    @Test func metricsUseThePrometheusFormatAndLinkydNames() async throws {
        let server = try TestServer()
        server.feed(power: 1230)
        let response = HTTPClient(port: server.port).get("/metrics")
        #expect(response.status == 200)
        for line in ["# TYPE linkyd_apparent_power_voltamperes gauge", "linkyd_apparent_power_voltamperes{meter=\"main\"} 1230.0",
                     "# TYPE linkyd_decoder_frames_total counter", "linkyd_current_amperes{meter=\"main\",phase=\"1\"} 5.0",
                     "linkyd_tariff_period{meter=\"main\",period=\"hc-blue\"} 1.0", "linkyd_tempo_tomorrow{meter=\"main\",color=\"red\"} 1.0",
                     "linkyd_output_on{output=\"water-heater\"} 1.0", "linkyd_signal_lost{meter=\"main\"} 0.0",
                     "# TYPE linkyd_supplier_index_watt_hours_total counter", "linkyd_supplier_index_watt_hours_total{meter=\"main\",index=\"1\"} 12345678",
                     "# TYPE linkyd_decoder_checksum_errors_total counter", "# TYPE linkyd_decoder_malformed_groups_total counter"] {
            #expect(response.body.contains(line), "missing: \(line)")
        }
        await server.stop()
    }

    @Test func aUsersFileAsksForAPassword() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-users-\(UUID())").path
        try "# users\nalice:\(Bcrypt.hash("s3cret", cost: 4))\n".write(toFile: path, atomically: true, encoding: .utf8)
        let server = try TestServer(usersFile: path)
        server.feed(power: 100)
        let client = HTTPClient(port: server.port)
        let anonymous = client.get("/api/status")
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Basic realm=\"linkyd\"") == true)
        let wrong = Data("alice:guess".utf8).base64EncodedString()
        #expect(client.get("/", headers: ["Authorization": "Basic \(wrong)"]).status == 401)
        let right = Data("alice:s3cret".utf8).base64EncodedString()
        #expect(client.get("/api/status", headers: ["Authorization": "Basic \(right)"]).status == 200)
        #expect(client.get("/metrics", headers: ["Authorization": "Basic \(right)"]).status == 200)
        await server.stop()
    }

    @Test func usersFileProblemsAreExplained() {
        #expect(throws: UsersFile.Problem.self) { try UsersFile.parse("alice:plaintext\n", file: "users") }
        #expect(throws: UsersFile.Problem.self) { try UsersFile.parse("# nobody\n", file: "users") }
        #expect(throws: UsersFile.Problem.self) { try UsersFile.load("/nonexistent/users") }
    }

    @Test func thePagesAreSmallAndInTheBrowsersLanguage() async throws {
        let server = try TestServer()
        server.feed(power: 1230)
        let client = HTTPClient(port: server.port)
        let french = client.get("/")
        #expect(french.status == 200)
        #expect(french.body.contains("<html lang=\"fr\">"))
        #expect(client.get("/", headers: ["Accept-Language": "en-US,en;q=0.8"]).body.contains("<html lang=\"en\">"))
        #expect(client.get("/?lang=en", headers: ["Accept-Language": "fr"]).body.contains("<html lang=\"en\">"))
        #expect(client.get("/", headers: ["Accept-Language": "de-DE,fr;q=0.5,en;q=0.4"]).body.contains("<html lang=\"fr\">"))
        let total = french.body.utf8.count + client.get("/static/app.css").body.utf8.count + client.get("/static/live.js").body.utf8.count
        print("APITests: the live page, its stylesheet and script: \(total) bytes uncompressed")
        #expect(total < 100_000)
        #expect(!french.body.contains("http://") && !french.body.contains("https://"), "nothing from elsewhere")
        #expect(client.get("/events").body.contains("Les plus anciens viendront avec l&#39;historique"))
        #expect(client.get("/rules").body.contains("off-peak heating"))
        await server.stop()
    }
}
