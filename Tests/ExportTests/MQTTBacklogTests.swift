import Controller
@testable import Export
import Foundation
@testable import History
import Logging
import Testing

/// Store and forward against a real mosquitto: the exporter sends the history's events after its
/// cursor, in order; with the broker stopped meanwhile, what was recorded during the outage arrives
/// after the restart, and nothing arrives twice.
@Suite(.serialized) struct MQTTBacklogTests {
    static func event(_ n: Int) -> EventRow { EventRow(time: 1_760_000_000_000 + Int64(n) * 1000, meter: "main", kind: "test", detail: "event \(n)") }

    @Test func anOutageOfTheBrokerLosesAndRepeatsNothing() throws {
        let broker = try Broker()
        defer { broker.stop() }
        let path = broker.directory.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore.open(path: path)
        var batch = HistoryBatch()
        batch.events = (1...3).map(Self.event)
        batch.now = Self.event(3).time
        try store.write(batch)
        // A cursor at 0: the exporter sends the whole backlog (a new one would start at the end).
        _ = ExportCursor(path: path + ".mqtt-cursor", positions: ["event": 0, "energy_snapshot": 0]).save()

        var config = MQTTConfig(host: "127.0.0.1", port: broker.port)
        config.discoveryPrefix = nil
        let exporter = try MQTTExporter(config: config, clientID: "linkyd-test", password: nil, outputs: [], historyPath: path,
                                        broadcaster: EventBroadcaster(), logger: Logger(label: "test"))
        // The collector's persistent session (clean session off, QoS 1) exists before anything is sent.
        let subscription = ["-c", "-i", "collector", "-q", "1"]
        _ = try broker.read("linkyd/main/event", count: 1, seconds: 1, extra: subscription)
        exporter.start()
        let ticking = Task.detached {
            while !Task.isCancelled { exporter.tick(); try? await Task.sleep(for: .milliseconds(50)) }
        }
        defer { ticking.cancel() }
        var lines = try broker.read("linkyd/main/event", count: 3, seconds: 30, extra: subscription)
        #expect(lines.count == 3, "\(broker.log)")

        broker.stop()
        batch.events = (4...8).map(Self.event)
        batch.now = Self.event(8).time
        try store.write(batch)
        Thread.sleep(forTimeInterval: 1)
        try broker.start()
        // Whatever the first collector did not get is still queued in its session: 8 in all (and
        // those it printed without acknowledging come again: up to 3 more; the read ends at its deadline).
        lines += try broker.read("linkyd/main/event", count: 8, seconds: 12, extra: subscription)

        let ids = lines.compactMap { line -> Int? in
            guard let range = line.range(of: "\"id\":") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        // Every event arrived, in order. The collector may see one twice: mosquitto_sub -C exits
        // before acknowledging all it printed, and the broker redelivers those (QoS 1, DUP set) —
        // the broker's log says what linkyd itself sent: each event once.
        #expect(Set(ids) == Set(1...8) && ids.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } } == Array(1...8), "\(lines)")
        let sent = broker.log.split(separator: "\n").filter { $0.contains("Received PUBLISH from linkyd-test") && $0.contains("'linkyd/main/event'") }
        #expect(sent.count == 8, "\(sent)")
        // The cursor moved to the last acknowledged event: a restart of linkyd resends nothing.
        let deadline = Date().addingTimeInterval(5)
        while ExportCursor.load(path: path + ".mqtt-cursor")?["event"] != 8, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(ExportCursor.load(path: path + ".mqtt-cursor")?["event"] == 8)
        exporter.stop()
        #expect(try broker.read("linkyd/status", count: 1) == ["linkyd/status offline"])
    }
}
