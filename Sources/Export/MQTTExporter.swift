import Controller
import Foundation
import History
import Logging
import Synchronization

/// What ``MQTTService`` does at each tick: publish what changed, and the history's new rows after the
/// cursor. State shared with libmosquitto's thread (connection, acknowledgements) sits behind a mutex;
/// nothing here blocks on the network (``MQTTClient/publish(_:_:retain:)`` only queues).
public final class MQTTExporter: Sendable {
    static let streams = ["event", "energy_snapshot"]

    private struct State {
        var connected = false
        /// Set on (re)connection and by Home Assistant's birth message: send every retained topic again.
        var resend = true
        var everConnected = false
        var outageLogged = false
        /// mid → (stream, id) of rows sent but not yet acknowledged.
        var inFlight: [Int32: (String, Int64)] = [:]
        /// Last id handed to libmosquitto, per stream.
        var sent: [String: Int64] = [:]
        var cursor: ExportCursor?
        var cursorDirty = false
        /// Acknowledgements that arrived before their mid was recorded (a fast loopback broker).
        var earlyAcks: Set<Int32> = []

        mutating func acknowledge(_ mid: Int32) {
            guard let (stream, id) = inFlight.removeValue(forKey: mid) else {
                earlyAcks.insert(mid)
                return
            }
            let oldest = inFlight.values.filter { $0.0 == stream }.map(\.1).min()
            let acked = oldest.map { $0 - 1 } ?? max(id, sent[stream] ?? id)
            if var cursor, acked > cursor[stream] {
                cursor[stream] = acked
                self.cursor = cursor
                cursorDirty = true
            }
        }
    }

    private let state = Mutex(State())
    private let client: MQTTClient
    private let topics: MQTTTopics
    private let discovery: HomeAssistantDiscovery?
    private let config: MQTTConfig
    private let outputs: [String]
    private let historyPath: String?
    private let broadcaster: EventBroadcaster
    /// The power topic follows each new `PAPP`/`SINSTS` (every `power-interval`), not only frame ends:
    /// statuses at live values while this exporter lives (``EventBroadcaster/wantsLiveStatus``).
    private let liveStatus: LiveStatusFollowing
    private let logger: Logger
    /// The tick's own memory (touched by the tick task only).
    private let memory = Mutex(Memory())

    private struct Memory {
        var store: HistoryStore?
        var nextOpenAttempt = ContinuousClock.now
        var openFailureLogged = false
        var snapshots: [String: [Int?]] = [:]
        var published: [String: String] = [:]
        var publishedAt: [String: ContinuousClock.Instant] = [:]
        var lastCursorSave = ContinuousClock.now
    }

    public init(config: MQTTConfig, clientID: String, password: String?, outputs: [String], historyPath: String?,
         broadcaster: EventBroadcaster, logger: Logger) throws(ExportError) {
        let topics = MQTTTopics(prefix: config.prefix)
        self.topics = topics
        discovery = config.discoveryPrefix.map { HomeAssistantDiscovery(discoveryPrefix: $0, topics: topics) }
        self.config = config
        self.outputs = outputs
        self.historyPath = historyPath
        self.broadcaster = broadcaster
        liveStatus = broadcaster.followLiveStatus()
        self.logger = logger
        let box = WeakExporter()
        client = try MQTTClient(config: config, clientID: clientID, password: password, willTopic: topics.availability) { event in
            box.exporter?.handle(event)
        }
        box.exporter = self
    }

    public func start() {
        if let problem = client.start() {
            logger.warning("mqtt: \(client.server): cannot connect yet: \(problem); retrying with backoff (1 s to 60 s)")
            state.withLock { $0.outageLogged = true }
        }
    }

    /// On libmosquitto's thread.
    private func handle(_ event: MQTTClient.Event) {
        switch event {
        case .connected:
            let wasLogged = state.withLock { s -> Bool in
                s.connected = true
                s.resend = true
                defer { s.outageLogged = false; s.everConnected = true }
                return s.outageLogged || s.everConnected
            }
            client.publish(topics.availability, "online", retain: true)
            if let discovery { client.subscribe(discovery.statusTopic) }
            logger.info("mqtt: connected to \(client.server)\(wasLogged ? " again" : "")")
        case .disconnected(let reason):
            let log = state.withLock { s -> Bool in
                s.connected = false
                defer { s.outageLogged = true }
                return !s.outageLogged
            }
            if log { logger.warning("mqtt: \(client.server): \(reason); retrying with backoff (1 s to 60 s), the history keeps what is missed") }
        case .acknowledged(let mid):
            state.withLock { $0.acknowledge(mid) }
        case .message(let topic, let payload):
            if topic == discovery?.statusTopic, payload == "online" { state.withLock { $0.resend = true } }
        }
    }

    /// One pass: retained live states, then the history's new rows. Cheap when nothing changed.
    public func tick() {
        let (connected, resend) = state.withLock { s -> (Bool, Bool) in
            defer { if s.connected { s.resend = false } }
            return (s.connected, s.resend)
        }
        openHistory()
        guard connected else { return }
        if resend { memory.withLock { $0.published.removeAll() } }
        publishLive()
        publishHistory()
        saveCursor()
    }

    public func stop() {
        client.publish(topics.availability, "offline", retain: true)
        Thread.sleep(forTimeInterval: 0.2)  // let the network thread send it before DISCONNECT
        client.stop()
        saveCursor(force: true)
    }

    // MARK: - Live

    private func publishLive() {
        guard let status = broadcaster.status else { return }
        let now = ContinuousClock.now
        for meter in status.meters {
            let snapshot = memory.withLock { $0.snapshots[meter.name] }
            let (payload, key) = MQTTPayloads.state(meter, snapshot: snapshot, now: status.at)
            publish(topics.state(meter.name), payload, key: key, every: config.interval, now: now)
            publish(topics.power(meter.name), MQTTPayloads.power(meter.state), key: nil, every: config.powerInterval, now: now)
            if let discovery, let address = meter.state.address {
                let outputsHere = meter.name == status.meters.first?.name ? outputs : []
                let payload = discovery.config(meter: meter.name, state: meter.state, outputs: outputsHere)
                publish(discovery.configTopic(address: address), payload, key: nil, every: .zero, now: now)
            }
        }
        for output in status.outputs {
            publish(topics.output(output.name), MQTTPayloads.output(output), key: nil, every: .zero, now: now)
        }
    }

    /// Publishes a retained `payload` when its `key` (default: itself) changed and `every` has passed.
    private func publish(_ topic: String, _ payload: String, key: String?, every: Duration, now: ContinuousClock.Instant) {
        let due = memory.withLock { m -> Bool in
            guard m.published[topic] != (key ?? payload) else { return false }
            if let last = m.publishedAt[topic], now - last < every { return false }
            return true
        }
        guard due, client.publish(topic, payload, retain: true) != nil else { return }
        memory.withLock { $0.published[topic] = key ?? payload; $0.publishedAt[topic] = now }
    }

    // MARK: - History

    private func openHistory() {
        guard let historyPath else { return }
        let due = memory.withLock { $0.store == nil && ContinuousClock.now >= $0.nextOpenAttempt }
        guard due else { return }
        do {
            let store = try HistoryStore.open(path: historyPath, create: false)
            let cursorPath = historyPath + ".mqtt-cursor"
            var cursor = ExportCursor.load(path: cursorPath)
            if cursor == nil {
                // A new exporter starts at the history's end: it does not replay months of events
                // into a broker. The retained energy topic gets each meter's last snapshot.
                var fresh = ExportCursor(path: cursorPath)
                fresh["event"] = try store.lastID(of: "event")
                fresh["energy_snapshot"] = max(0, try store.lastID(of: "energy_snapshot") - 1)
                cursor = fresh
            }
            let meters = broadcaster.status?.rules.meters.map(\.name) ?? []
            let resume = try store.resumePoints(meters: meters)
            memory.withLock { m in
                m.store = store
                for (meter, point) in resume.lastSeries { m.snapshots[meter] = point.values }
            }
            state.withLock { s in
                s.cursor = cursor
                s.cursorDirty = true
                for stream in Self.streams { s.sent[stream] = cursor?[stream] ?? 0 }
            }
        } catch {
            let log = memory.withLock { m -> Bool in
                m.nextOpenAttempt = ContinuousClock.now + .seconds(30)
                defer { m.openFailureLogged = true }
                return !m.openFailureLogged
            }
            if log { logger.warning("mqtt: history not readable yet (\(error)); indexes and events wait for it, retried every 30 s") }
        }
    }

    private func publishHistory() {
        guard let store = memory.withLock({ $0.store }) else { return }
        let (eventFrom, snapshotFrom, busy) = state.withLock { s in (s.sent["event"] ?? 0, s.sent["energy_snapshot"] ?? 0, s.inFlight.count) }
        guard busy < 2_000 else { return }
        do {
            for event in try store.events(after: eventFrom, limit: 500) {
                guard sendRow(stream: "event", id: event.id, topic: topics.event(event.row.meter), MQTTPayloads.event(event), retain: false) else { return }
            }
            for snapshot in try store.snapshots(after: snapshotFrom, limit: 500) {
                let meter = snapshot.meter
                guard sendRow(stream: "energy_snapshot", id: snapshot.id, topic: topics.energy(meter), MQTTPayloads.energy(snapshot), retain: true) else { return }
                memory.withLock { $0.snapshots[meter] = snapshot.row.values }
            }
        } catch {
            logger.warning("mqtt: \(error)")
        }
    }

    /// Hands one history row to libmosquitto; false when it refused (disconnected meanwhile).
    private func sendRow(stream: String, id: Int64, topic: String, _ payload: String, retain: Bool) -> Bool {
        // Published outside the lock (libmosquitto's thread takes it to acknowledge).
        guard state.withLock({ $0.connected }), let mid = client.publish(topic, payload, retain: retain) else { return false }
        state.withLock { s in
            s.inFlight[mid] = (stream, id)
            s.sent[stream] = id
            if s.earlyAcks.remove(mid) != nil { s.acknowledge(mid) }
        }
        return true
    }

    private func saveCursor(force: Bool = false) {
        let now = ContinuousClock.now
        let due = memory.withLock { m -> Bool in
            guard force || now - m.lastCursorSave >= .seconds(2) else { return false }
            m.lastCursorSave = now
            return true
        }
        guard due, let cursor = state.withLock({ s -> ExportCursor? in
            defer { s.cursorDirty = false }
            return s.cursorDirty ? s.cursor : nil
        }) else { return }
        if let problem = cursor.save() { logger.warning("mqtt: cursor: \(problem)") }
    }
}

/// Lets libmosquitto's callback reach the exporter without a retain cycle.
private final class WeakExporter: @unchecked Sendable {
    weak var exporter: MQTTExporter?
}
