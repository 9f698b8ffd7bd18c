import Controller
import Testing

/// `linkyd check` on the `mqtt:` section (issue 11).
struct MQTTConfigTests {
    static func compile(_ mqtt: String) -> Compilation {
        RulesCompiler.compile(source: "meters:\n  main: { port: /dev/ttyAMA0 }\nmqtt:\n" + mqtt, file: "rules.yaml")
    }

    @Test func theIssuesExampleCompiles() throws {
        let compilation = Self.compile("""
              broker: mqtt://192.168.1.10:1883
              username: linkyd
              password-file: /etc/linkyd/mqtt.password
              discovery-prefix: homeassistant
              prefix: linkyd
            """)
        let mqtt = try #require(compilation.ruleSet?.mqtt, "\(compilation.diagnostics.oneLines)")
        #expect(mqtt.host == "192.168.1.10" && mqtt.port == 1883 && !mqtt.tls)
        #expect(mqtt.username == "linkyd" && mqtt.passwordFile == "/etc/linkyd/mqtt.password")
        #expect(mqtt.discoveryPrefix == "homeassistant" && mqtt.prefix == "linkyd" && mqtt.interval == .seconds(10))
    }

    @Test func tlsDefaultsToPort8883AndDiscoveryCanBeOff() throws {
        let mqtt = try #require(Self.compile("  broker: mqtts://[::1]\n  discovery-prefix: off\n  protocol: 5\n").ruleSet?.mqtt)
        #expect(mqtt.tls && mqtt.port == 8883 && mqtt.host == "::1" && mqtt.discoveryPrefix == nil && mqtt.protocolVersion == .v5)
    }

    @Test(arguments: [
        ("  broker: http://x:1883\n", "is not an MQTT broker URL"),
        ("  broker: mqtt://user:secret@x\n", "must not carry a user or password"),
        ("  broker: mqtt://x:99999\n", "is not a port"),
        ("  username: linkyd\n", "needs a broker"),
        ("  broker: mqtt://x\n  password: secret\n", "unknown key 'password'"),
        ("  broker: mqtt://x\n  password-file: /p\n", "no username"),
        ("  broker: mqtt://x\n  prefix: linkyd/#\n", "is not a topic prefix"),
        ("  broker: mqtt://x\n  protocol: 4\n", "unknown MQTT protocol"),
    ])
    func problemsAreDiagnosed(_ section: String, _ message: String) {
        let compilation = Self.compile(section)
        #expect(compilation.ruleSet == nil || compilation.diagnostics.hasErrors)
        #expect(compilation.diagnostics.items.contains { $0.message.contains(message) }, "\(compilation.diagnostics.oneLines)")
    }

    @Test func aPasswordInTheFileIsNeverEchoed() {
        let compilation = Self.compile("  broker: mqtt://x\n  password: hunter2\n")
        #expect(!compilation.diagnostics.oneLines.joined().contains("hunter2"))
    }
}
