import Foundation
import HALTesting
import Testing

/// `linkyd run --dry-run` against a real mosquitto that takes only TLS and logins: `mqtts://` with
/// the broker's CA (`ca-file`), a user and a password file, MQTT 5. States are read back over TLS;
/// when Home Assistant says it restarted (`homeassistant/status` → `online`) the discovery config is
/// published again; a wrong password is reported with what the broker answered, and never logged.
@Suite(.serialized) struct LinkydMQTTSecureTests {
    static func start(_ broker: Broker, meter: PseudoTerminal, password: String) throws -> LinkydRun {
        let passwordFile = broker.directory.appendingPathComponent("mqtt.password").path
        try "\(password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let rules = try LinkydRun.writeRules(meter: meter, in: broker.directory, """
        history: { path: \(broker.directory.path)/history.sqlite, commit-every: 1 s }
        web: { listen: off }
        mqtt:
          broker: mqtts://127.0.0.1:\(broker.port)
          ca-file: \(broker.caFile)
          username: linkyd
          password-file: \(passwordFile)
          protocol: 5
          keepalive: 5 s
        """)
        return try LinkydRun(rulesFile: rules, logIn: broker.directory)
    }

    @Test func tlsLoginMQTT5AndHomeAssistantRestart() throws {
        let broker = try Broker(secure: true)
        defer { broker.stop() }
        let meter = try PseudoTerminal()
        let feeding = Feeder(meter)
        defer { feeding.stop() }
        let linkyd = try Self.start(broker, meter: meter, password: Broker.password)

        // Over TLS, with the login, as an MQTT 5 client: the retained state and the availability.
        let state = try broker.read("linkyd/main/state", count: 1, seconds: 20, extra: ["-V", "5"])
        #expect(state.first?.contains("\"apparent_power_va\":") == true, "\(state) — \(linkyd.log)")
        #expect(try broker.read("linkyd/status", count: 1, extra: ["-V", "5"]) == ["linkyd/status online"])
        #expect(broker.log.contains("as linkyd") || broker.log.contains("u'linkyd'"), "the broker saw the login")

        // Home Assistant restarts: a live (not retained) discovery config follows its `online`.
        let configs = try broker.read("homeassistant/device/+/config", count: 1, seconds: 10, extra: ["-R"]) {
            try broker.publish("homeassistant/status", "online")
        }
        #expect(configs.count == 1 && configs.first?.contains("\"cmps\"") == true, "\(configs) — \(linkyd.log)")
        #expect(!linkyd.log.contains(Broker.password))
    }

    @Test func aWrongPasswordIsReportedAndNotLogged() throws {
        let broker = try Broker(secure: true)
        defer { broker.stop() }
        let meter = try PseudoTerminal()
        let feeding = Feeder(meter)
        defer { feeding.stop() }
        let linkyd = try Self.start(broker, meter: meter, password: "not-the-password")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !linkyd.log.contains("refused the connection") { Thread.sleep(forTimeInterval: 0.1) }
        let text = linkyd.log
        #expect(text.contains("127.0.0.1:\(broker.port)"), "\(text)")
        // MQTT 5's reason code in words (mosquitto answers 0x87, not authorized), not "unknown reason".
        #expect(text.contains("refused the connection: Not authorized"), "\(text)")
        #expect(!text.contains("history not readable"), "\(text)")
        #expect(!text.contains("not-the-password"))
        // The outputs are still controlled: the dry run keeps reporting.
        #expect(linkyd.process.isRunning)
    }
}
