import HALTesting
import Foundation
import Synchronization
import Testing
import TIC

/// The real `linkyd run --dry-run` with an `mqtt:` section, a pseudo-terminal meter and a real
/// mosquitto: Home Assistant discovery and states read back by mosquitto_sub; availability goes
/// `offline` (the last will) when linkyd is killed with SIGKILL.
@Suite(.serialized) struct LinkydMQTTTests {
    @Test func discoveryStatesAndTheLastWill() throws {
        let broker = try Broker()
        defer { broker.stop() }
        let meter = try PseudoTerminal()
        let feeding = Feeder(meter)
        defer { feeding.stop() }
        let rules = try LinkydRun.writeRules(meter: meter, in: broker.directory, """
        history: { path: \(broker.directory.path)/history.sqlite, commit-every: 1 s }
        mqtt:
          broker: mqtt://127.0.0.1:\(broker.port)
          keepalive: 5 s
        """)
        let linkyd = try LinkydRun(rulesFile: rules, logIn: broker.directory)

        let config = try broker.read("homeassistant/device/+/config", count: 1, seconds: 20)
        let line = try #require(config.first, "no discovery config: \(linkyd.log)")
        let topic = String(line.prefix { $0 != " " })
        #expect(topic.hasPrefix("homeassistant/device/linkyd_") && topic.hasSuffix("/config"))
        let payload = try #require(String(line.dropFirst(topic.count + 1)).data(using: .utf8))
        let document = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        for key in ["dev", "o", "cmps", "availability"] { #expect(document[key] != nil, "\(key) missing") }
        #expect(!line.contains("object_id"))
        let components = try #require(document["cmps"] as? [String: [String: Any]])
        let power = try #require(components.values.first { ($0["unique_id"] as? String)?.hasSuffix("_apparent_power") == true })
        #expect(power["device_class"] as? String == "apparent_power" && power["unit_of_measurement"] as? String == "VA")
        let indexes = components.values.filter { $0["device_class"] as? String == "energy" }
        #expect(!indexes.isEmpty)
        for index in indexes {
            #expect(index["state_class"] as? String == "total_increasing" && index["unit_of_measurement"] as? String == "Wh")
        }
        #expect(components.values.contains { $0["p"] as? String == "binary_sensor" && ($0["name"] as? String)?.contains("heater") == true })
        let uniqueIDs = components.values.compactMap { $0["unique_id"] as? String }
        #expect(Set(uniqueIDs).count == uniqueIDs.count)

        let state = try broker.read("linkyd/main/state", count: 1, seconds: 10)
        #expect(state.first?.contains("\"apparent_power_va\":") == true, "\(state)")
        // libmosquitto is loaded for `mqtt:` (and only then: aDaemonWithoutMQTTNeverMapsLibmosquitto).
        #expect(linkyd.mappedLibraries.contains { $0.hasPrefix("libmosquitto.so") }, "\(linkyd.mappedLibraries)")
        #expect(state.first?.contains("\"signal_lost\":false") == true, "\(state)")
        #expect(try broker.read("linkyd/status", count: 1) == ["linkyd/status online"])

        linkyd.stop(SIGKILL)
        // A fresh subscriber sees the retained will the broker published when the connection died.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try broker.read("linkyd/status", count: 1) == ["linkyd/status offline"], "\(broker.log.suffix(2000))")
        #expect(!linkyd.log.contains("password"))
    }
}

extension LinkydMQTTTests {
    /// Without `mqtt:`, the running daemon maps neither libmosquitto nor the TLS libraries it brings
    /// (1.7 MB resident): it is loaded when an MQTT exporter is made.
    @Test func aDaemonWithoutMQTTNeverMapsLibmosquitto() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-nomqtt-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let meter = try PseudoTerminal()
        let feeding = Feeder(meter)
        defer { feeding.stop() }
        let rules = try LinkydRun.writeRules(meter: meter, in: directory, """
        history: off
        web: { listen: off }
        """)
        let linkyd = try LinkydRun(rulesFile: rules, logIn: directory)
        // Running, its services started, the meter read for a while.
        Thread.sleep(forTimeInterval: 3)
        #expect(linkyd.process.isRunning, "\(linkyd.log)")
        let libraries = linkyd.mappedLibraries
        #expect(libraries.contains { $0.hasPrefix("libc.so") }, "maps not read: \(libraries)")
        #expect(!libraries.contains { $0.hasPrefix("libmosquitto") || $0.hasPrefix("libssl") || $0.hasPrefix("libcrypto") },
                "\(libraries)\n\(linkyd.log)")
        linkyd.stop(SIGTERM)
    }
}

/// Writes a historic Tempo meter's frames on the pty's master, twice a second, until stopped.
final class Feeder: Sendable {
    private let running = Mutex(true)

    init(_ terminal: PseudoTerminal) {
        Thread.detachNewThread { [self] in
            var simulator = MeterSimulator(scenario: .tempoBlueToRed, seed: 2)
            while self.running.withLock({ $0 }) {
                guard let frame = simulator.nextFrame() else { simulator = MeterSimulator(scenario: .tempoBlueToRed, seed: 2); continue }
                terminal.write(frame.bytes)
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
    }

    func stop() { running.withLock { $0 = false } }
}
