import Controller
import NIOCore
import Synchronization

/// Turns the controller's statuses and events into SSE messages for the ``SSEHub`` and the
/// ``EventLog``: `event: status` (the `/api/status` object) when its content changed — bursts of 3 at once, then at
/// most one per ``minimumInterval`` (later ones coalesced into the newest) — and at least every
/// ``heartbeat`` (the ages move on; a dead connection shows); `event: switch` and `event: signal` as
/// they happen.
///
/// Only reads the broadcaster: it can never slow the controller (``EventBroadcaster``).
public final class StatusFeed: Sendable {
    public let minimumInterval: Duration
    public let heartbeat: Duration
    let broadcaster: EventBroadcaster
    let hub: SSEHub
    let log: EventLog
    let rules: RulesText?
    private let subscription: EventSubscription
    private let sent = Mutex(Sent())

    private struct Sent {
        var content: String?
        var at: ContinuousClock.Instant?
        var message: ByteBuffer?
    }

    /// Subscribes now: every event from here on reaches the log (or is counted as missed).
    public init(broadcaster: EventBroadcaster, hub: SSEHub, log: EventLog, rules: RulesText? = nil,
                minimumInterval: Duration = .milliseconds(200), heartbeat: Duration = .seconds(5)) {
        self.broadcaster = broadcaster
        self.hub = hub
        self.log = log
        self.rules = rules
        self.minimumInterval = minimumInterval
        self.heartbeat = heartbeat
        subscription = broadcaster.subscribe(capacity: 1024)
    }

    /// The latest `event: status` message, for a client that just connected.
    public func currentMessage() -> ByteBuffer? {
        guard let status = broadcaster.status else { return nil }
        return SSEHub.message(event: "status", data: StatusDocument.object(status).line)
    }

    /// Runs the three loops (statuses, heartbeat, events) until the broadcaster finishes or the task
    /// is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.followStatuses() }
            group.addTask { await self.beat() }
            group.addTask { await self.followEvents() }
            await group.next()
            group.cancelAll()
        }
    }

    /// A token bucket: up to ``burst`` changes go out at once, then one per ``minimumInterval``
    /// (so two changes within a frame — current, then power — both leave without waiting).
    private func followStatuses() async {
        let clock = ContinuousClock()
        let burst = 3.0
        var tokens = burst
        var refilled = clock.now
        func refill() {
            let now = clock.now
            tokens = min(burst, tokens + (now - refilled) / minimumInterval)
            refilled = now
        }
        // Live statuses come while a page is open: the hub follows them (SSEHub).
        for await _ in broadcaster.statusUpdates() {
            refill()
            if tokens < 1 {
                try? await clock.sleep(for: minimumInterval * (1 - tokens))
                refill()
            }
            if send(force: false) { tokens -= 1 }
        }
    }

    private func beat() async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            try? await clock.sleep(for: heartbeat)
            if Task.isCancelled { return }
            let last = sent.withLock { $0.at }
            if last.map({ clock.now - $0 >= heartbeat }) ?? true { send(force: true) }
        }
    }

    /// Sends the newest status when its content changed (or `force`); true when sent.
    @discardableResult
    func send(force: Bool) -> Bool {
        guard let status = broadcaster.status else { return false }
        let content = StatusDocument.object(status, ages: false).line
        let message: ByteBuffer? = sent.withLock { sent in
            guard force || sent.content != content else { return nil }
            let message = SSEHub.message(event: "status", data: StatusDocument.object(status).line)
            sent = Sent(content: content, at: ContinuousClock.now, message: message)
            return message
        }
        guard let message else { return false }
        hub.broadcast(message)
        return true
    }

    private func followEvents() async {
        for await delivery in subscription {
            switch delivery {
            case .missed(let count):
                log.recordMissed(count, at: broadcaster.status?.time ?? WallTime(millisecondsSince1970: 0))
            case .event(let event):
                for logged in log.record(event) {
                    if let message = EventDocument.message(logged) { hub.broadcast(message) }
                }
                if case .reloaded = event.kind { rules?.reread() }
            }
        }
    }
}
