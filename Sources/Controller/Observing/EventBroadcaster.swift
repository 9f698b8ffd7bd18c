import Synchronization

/// The seam between the controller and its observers (journal, OLED, history, web, exporters).
///
/// - Events: every subscriber gets every event in order, from its own bounded buffer. Publishing
///   never waits: a subscriber whose buffer is full loses its backlog, and its next delivery says
///   how many events it missed (``Delivery/missed(_:)``). A slow or stuck observer can never delay
///   the control path.
/// - Status: the latest ``ControllerStatus``, replaced on every publication; ``statusUpdates()``
///   yields the newest one whenever it changed (intermediate ones are skipped, by design). A
///   controller with a status source (``setStatusSource(_:)``) only says that its status changed
///   (``publish(_:statusChanged:)``): the status is built when someone reads it, at most once per
///   change, so a status no one reads costs the control path nothing.
///
/// Thread-safe; `publish` may be called from any thread (the serial readers' threads do).
///
/// - Live statuses: a status for every new power, current or voltage (not only at frame ends) costs the
///   control path a status build per such group; the core asks for one only while someone shows live
///   values (``wantsLiveStatus``: a ``followLiveStatus()`` token — the SSE hub's while a page is open,
///   the OLED's, the MQTT exporter's).
public final class EventBroadcaster: Sendable {
    private let state = Mutex(State())
    private let liveFollowers = Atomic<Int>(0)

    private struct State {
        var subscribers: [Int: Mailbox] = [:]
        /// The same mailboxes, for delivering: an array walk, not a dictionary's.
        var mailboxes: [Mailbox] = []
        /// The union of the subscribers' kinds: events no one wants are not even looked at twice.
        var wanted: EventKinds = []
        var nextID = 0
        var status: ControllerStatus?
        var statusVersion = 0
        /// `status` is older than `statusVersion`: the source builds the current one when read.
        var statusStale = false
        var statusSource: (@Sendable () -> ControllerStatus?)?
        var statusWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var finished = false
    }

    /// One subscriber's buffer: a reference, so that delivering never copies it (only touched under
    /// the broadcaster's lock).
    final class Mailbox: @unchecked Sendable {
        // Touched only under the broadcaster's lock: no dynamic exclusivity checks (~30 instructions
        // an access).
        @exclusivity(unchecked) var events: [ControllerEvent] = []
        @exclusivity(unchecked) var missed = 0
        let capacity: Int
        @exclusivity(unchecked) var waiter: CheckedContinuation<Void, Never>?
        let kinds: EventKinds

        init(capacity: Int, kinds: EventKinds) {
            self.capacity = capacity
            self.kinds = kinds
        }
    }

    public init() {}

    /// Whether a status is wanted at every live value (``ControllerCore/EdgeWork/live``).
    public var wantsLiveStatus: Bool { liveFollowers.load(ordering: .relaxed) > 0 }

    /// While the returned token lives, ``wantsLiveStatus`` is true: for an observer that polls
    /// ``status`` and shows live values (the OLED).
    public func followLiveStatus() -> LiveStatusFollowing { LiveStatusFollowing(self) }

    fileprivate func addLiveFollower(_ delta: Int) { liveFollowers.add(delta, ordering: .relaxed) }

    /// The latest status, nil before the first publication. Built here when the source's status
    /// changed since it was last built: under the source's own lock (the controller's), never while
    /// holding the broadcaster's, which the controller takes while holding its own.
    public var status: ControllerStatus? { current().status }

    /// Where the status comes from once the controller publishes only its changes
    /// (``publish(_:statusChanged:)``): `build` returns the controller's status now. It must not be
    /// called with a lock the controller takes before publishing.
    public func setStatusSource(_ build: @escaping @Sendable () -> ControllerStatus?) {
        state.withLock { state in
            state.statusSource = build
            state.statusStale = true
        }
    }

    /// The latest status and its version.
    private func current() -> (status: ControllerStatus?, version: Int) {
        let (cached, stale, version, source) = state.withLock { ($0.status, $0.statusStale, $0.statusVersion, $0.statusSource) }
        guard stale, let source, let fresh = source() else { return (cached, version) }
        state.withLock { state in
            // A newer change meanwhile: keep it stale (the next read builds again).
            if state.statusVersion == version { state.statusStale = false }
            state.status = fresh
        }
        return (fresh, version)
    }

    /// Delivers `events` to every subscriber and replaces the status (when given). Never blocks.
    /// (Concrete arrays, not `some Collection`: a generic append through witness tables cost the
    /// control path ~1 000 instructions per event.)
    public func publish(_ events: [ControllerEvent], status: ControllerStatus? = nil) {
        var wake: [CheckedContinuation<Void, Never>] = []
        state.withLock { state in
            guard !state.finished else { return }
            Self.deliver(events, in: &state, waking: &wake)
            if let status {
                state.status = status
                state.statusStale = false
                Self.statusChanged(in: &state, waking: &wake)
            }
        }
        for waiter in wake { waiter.resume() }
    }

    /// Delivers `events` like ``publish(_:status:)`` and, when `statusChanged`, marks the status as
    /// changed: the source (``setStatusSource(_:)``) builds it when it is read, and status waiters
    /// wake. Never blocks.
    public func publish(_ events: [ControllerEvent], statusChanged: Bool) {
        var wake: [CheckedContinuation<Void, Never>] = []
        state.withLock { state in
            guard !state.finished else { return }
            Self.deliver(events, in: &state, waking: &wake)
            if statusChanged {
                state.statusStale = state.statusSource != nil
                Self.statusChanged(in: &state, waking: &wake)
            }
        }
        for waiter in wake { waiter.resume() }
    }

    /// Every mailbox that wants some of `events` gets them; their waiting subscribers go to `wake`.
    @inline(__always)
    private static func deliver(_ events: [ControllerEvent], in state: inout State, waking wake: inout [CheckedContinuation<Void, Never>]) {
        guard !events.isEmpty, !state.wanted.isEmpty else { return }
        for mailbox in state.mailboxes where mailbox.deliver(events) {
            if let waiter = mailbox.waiter {
                wake.append(waiter)
                mailbox.waiter = nil
            }
        }
    }

    /// A new status version: its waiters go to `wake`.
    @inline(__always)
    private static func statusChanged(in state: inout State, waking wake: inout [CheckedContinuation<Void, Never>]) {
        state.statusVersion &+= 1
        guard !state.statusWaiters.isEmpty else { return }
        wake.append(contentsOf: state.statusWaiters.values)
        state.statusWaiters.removeAll(keepingCapacity: true)
    }

    /// No more events: subscriptions end once they have delivered what they hold.
    public func finish() {
        var wake: [CheckedContinuation<Void, Never>] = []
        state.withLock { state in
            state.finished = true
            for mailbox in state.mailboxes {
                if let waiter = mailbox.waiter { wake.append(waiter) }
                mailbox.waiter = nil
            }
            wake.append(contentsOf: state.statusWaiters.values)
            state.statusWaiters.removeAll()
        }
        for waiter in wake { waiter.resume() }
    }

    /// A new subscription to the events of `kinds` published from now on, buffering at most
    /// `capacity` events (a subscriber is not woken for the kinds it does not want).
    public func subscribe(capacity: Int = 4096, kinds: EventKinds = .all) -> EventSubscription {
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            let mailbox = Mailbox(capacity: max(1, capacity), kinds: kinds)
            state.subscribers[id] = mailbox
            state.mailboxes.append(mailbox)
            state.wanted.formUnion(kinds)
            return id
        }
        return EventSubscription(broadcaster: self, id: id)
    }

    /// The newest status each time it changes (starting with the current one, if any). Statuses come at
    /// live values only while someone follows them (``followLiveStatus()``).
    public func statusUpdates() -> StatusUpdates { StatusUpdates(broadcaster: self) }

    // MARK: - For the subscriptions

    /// Takes everything buffered for `id`, waiting for it when empty; nil once finished and empty,
    /// or when the task is cancelled.
    func take(_ id: Int) async -> (events: [ControllerEvent], missed: Int)? {
        while true {
            if Task.isCancelled { return nil }
            enum Step { case some([ControllerEvent], Int), end, wait }
            let step: Step = state.withLock { state in
                guard let mailbox = state.subscribers[id] else { return .end }
                if !mailbox.events.isEmpty || mailbox.missed > 0 {
                    let taken = (mailbox.events, mailbox.missed)
                    mailbox.events = []
                    mailbox.missed = 0
                    return .some(taken.0, taken.1)
                }
                return state.finished ? .end : .wait
            }
            switch step {
            case .some(let events, let missed): return (events, missed)
            case .end: return nil
            case .wait: await wait(id)
            }
        }
    }

    private func wait(_ id: Int) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard let mailbox = state.subscribers[id], !state.finished, mailbox.events.isEmpty,
                          mailbox.missed == 0, !Task.isCancelled else { return true }
                    mailbox.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                let waiter = state.subscribers[id]?.waiter
                state.subscribers[id]?.waiter = nil
                return waiter
            }
            waiter?.resume()
        }
    }

    func unsubscribe(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let mailbox = state.subscribers.removeValue(forKey: id) else { return nil }
            state.mailboxes.removeAll { $0 === mailbox }
            state.wanted = state.mailboxes.reduce(into: EventKinds()) { $0.formUnion($1.kinds) }
            return mailbox.waiter
        }
        waiter?.resume()
    }

    /// The status when newer than `version`, waiting for one; nil once finished or cancelled.
    func status(newerThan version: Int, waiter id: Int) async -> (ControllerStatus, Int)? {
        while true {
            if Task.isCancelled { return nil }
            enum Step { case newer, end, wait }
            let step: Step = state.withLock { state in
                if state.statusVersion > version { return .newer }
                return state.finished ? .end : .wait
            }
            switch step {
            case .newer:
                let (status, newVersion) = current()
                guard let status else { return nil }
                return (status, newVersion)
            case .end: return nil
            case .wait:
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let resumeNow = state.withLock { state -> Bool in
                            if state.finished || state.statusVersion > version || Task.isCancelled { return true }
                            state.statusWaiters[id] = continuation
                            return false
                        }
                        if resumeNow { continuation.resume() }
                    }
                } onCancel: {
                    state.withLock { $0.statusWaiters.removeValue(forKey: id) }?.resume()
                }
            }
        }
    }

    func newWaiterID() -> Int {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }
}

extension EventBroadcaster.Mailbox {
    /// Appends the events of the wanted kinds, or — when the backlog would exceed the capacity —
    /// drops the backlog and counts it (O(1): the control path never pays for a slow subscriber).
    /// Returns whether anything was delivered.
    func deliver(_ new: [ControllerEvent]) -> Bool {
        if kinds == .all { return append(new) }
        var delivered = false
        for event in new where kinds.contains(event.kind.kinds) {
            append(event)
            delivered = true
        }
        return delivered
    }

    private func append(_ event: ControllerEvent) {
        if events.count >= capacity {
            missed += events.count
            events.removeAll(keepingCapacity: true)
        }
        events.append(event)
    }

    private func append(_ new: [ControllerEvent]) -> Bool {
        guard !new.isEmpty else { return false }
        if events.count + new.count > capacity {
            missed += events.count
            events.removeAll(keepingCapacity: true)
            if new.count > capacity {
                missed += new.count - capacity
                events.append(contentsOf: new.suffix(capacity))
                return true
            }
        }
        events.append(contentsOf: new)
        return true
    }
}

/// Keeps ``EventBroadcaster/wantsLiveStatus`` true while it lives.
public final class LiveStatusFollowing: Sendable {
    let broadcaster: EventBroadcaster
    fileprivate init(_ broadcaster: EventBroadcaster) {
        self.broadcaster = broadcaster
        broadcaster.addLiveFollower(1)
    }
    deinit { broadcaster.addLiveFollower(-1) }
}
