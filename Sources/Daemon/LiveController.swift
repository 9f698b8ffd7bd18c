import Controller
import Glibc
import HAL
import LinuxIO
import Synchronization
import TIC

/// The daemon's one controller: the pure ``ControllerCore`` behind a lock, the output lines it
/// drives, and the broadcaster its observers read. Every entry point may be called from any thread
/// (each serial reader calls ``receive(_:from:)`` on its own thread, synchronously: while it runs
/// the bytes wait in the kernel's buffer, so nothing is dropped).
///
/// Each call reads the clock once, hands the core the input, drives the lines for the switches it
/// decided (and retries lines whose last drive failed), then publishes the events and the status.
/// Publishing never waits for an observer (``EventBroadcaster``): the time from a deciding byte to
/// its line is the core's evaluation and one `drive`, whatever the observers do.
///
/// Generic over the clock only at its surface: everything a call runs is in a ``ControllerCell``,
/// which is not (code generic over `C`, called from a generic reader, was not specialized: every
/// field access looked up the class's metadata, every closure stayed a closure, ~170 instructions a
/// call).
public final class LiveController<C: Clock>: Sendable where C.Duration == Duration {
    private let cell: ControllerCell
    public var broadcaster: EventBroadcaster { cell.broadcaster }
    private let localTime: @Sendable () -> LocalTime
    private let wallClock: @Sendable () -> WallTime
    private let lastTick = Mutex<Duration?>(nil)

    /// `lines` holds one requested line per output, already in its `initial` state.
    /// `wallClock` tells the wall clock (UTC) for the events' `time` (production: the system clock,
    /// read at every tick, so an NTP step is followed within a second).
    public init(rules: RuleSet, lines: [String: any OutputLine], clock: C, localTime: @escaping @Sendable () -> LocalTime,
                wallClock: @escaping @Sendable () -> WallTime = { WallTime.now },
                broadcaster: EventBroadcaster = EventBroadcaster()) {
        let origin = clock.now
        let time: ControllerCell.Time = C.self == ContinuousClock.self
            ? .boot(origin: BootTime.now()) : .clock { origin.duration(to: clock.now) }
        self.localTime = localTime
        self.wallClock = wallClock
        var core = ControllerCore(rules: rules, at: .zero, local: localTime())
        core.setWallClock(wallClock(), at: .zero)
        cell = ControllerCell(state: LiveControllerState(core: core, lines: lines), broadcaster: broadcaster, time: time)
        broadcaster.publish([], status: core.status)
        // From now on the status is built when read (most are never read: one per frame end).
        broadcaster.setStatusSource { [weak cell] in cell?.inner.withLock { $0.core.status } }
    }

    /// Controller time: since the controller was made, on its clock.
    public var now: Duration { cell.now }

    /// The index of a declared meter.
    public func meterIndex(_ name: String) -> Int? { cell.inner.withLock { $0.core.meterIndex(name) } }

    public var rules: RuleSet { cell.inner.withLock { $0.core.rules } }
    public var status: ControllerStatus { cell.inner.withLock { $0.core.status } }

    /// Bytes read from meter `meter`: decoded, evaluated after every group, lines driven. Returns the
    /// meter's decoder statistics (for the reader's auto-detection).
    public func receive(_ bytes: UnsafeRawBufferPointer, from meter: Int) -> DecoderStatistics {
        cell.receive(bytes, from: meter)
    }

    /// Evaluates on the clock; call about once a second.
    public func tick() {
        let local = localTime()
        let wall = wallClock()
        let now: Duration = cell.perform(publishStatus: true) { core, events, now in
            core.setWallClock(wall, at: now)
            core.tick(at: now, local: local, into: &events)
            return now
        }
        lastTick.withLock { $0 = now }
    }

    /// Controller time of the last tick (the watchdog pings only while ticks happen).
    public var lastTickTime: Duration? { lastTick.withLock { $0 } }

    public func link(_ event: LinkEvent, meter: Int) {
        cell.perform(publishStatus: true) { core, events, now in core.link(event, meter: meter, at: now, into: &events) }
    }

    @discardableResult
    public func reload(_ rules: RuleSet, warnings: [String] = []) -> Bool {
        cell.perform(publishStatus: true) { core, events, now in core.reload(rules, warnings: warnings, at: now, into: &events) }
    }

    public func refuseReload(problems: [String]) {
        cell.perform(publishStatus: true) { core, events, now in core.refuseReload(problems: problems, at: now, into: &events) }
    }

    /// Every output to its fail-safe state, then nothing more is evaluated. Idempotent; safe from
    /// any thread, including while another call is in progress (it waits for the lock).
    public func stop() {
        cell.perform(publishStatus: true) { core, events, now in core.stop(at: now, into: &events) }
    }

    public var isStopped: Bool { cell.inner.withLock { $0.core.isStopped } }

    /// How long the last switches took, from the start of handling the read (or tick) that decided
    /// them to their lines driven.
    public var decisionLatency: DecisionTimes.Summary? { cell.inner.withLock { $0.decisionTimes }.summary }
}

/// What a ``LiveController`` runs at each call, not generic: the core and lines behind their lock,
/// the broadcaster, the clock.
final class ControllerCell: Sendable {
    enum Time: Sendable {
        /// `ContinuousClock` (production): its origin in nanoseconds of `CLOCK_BOOTTIME`, the clock
        /// Swift's `ContinuousClock` reads on Linux, read directly at every call (a generic `Clock`
        /// costs ~190 instructions a read through witness tables and 128-bit arithmetic; at 1200 Bd a
        /// read holds ~4 bytes).
        case boot(origin: Int64)
        /// Another clock (tests' manual clock): read through `Clock`.
        case clock(@Sendable () -> Duration)
    }

    let inner: Mutex<LiveControllerState>
    let broadcaster: EventBroadcaster
    private let time: Time

    init(state: LiveControllerState, broadcaster: EventBroadcaster, time: Time) {
        inner = Mutex(state)
        self.broadcaster = broadcaster
        self.time = time
    }

    /// Controller time: since the controller was made, on its clock.
    var now: Duration {
        switch time {
        // `.nanoseconds` is inlined (one 64×64 multiplication); `init(secondsComponent:…)` is not.
        case .boot(let origin): .nanoseconds(BootTime.now() &- origin)
        case .clock(let read): read()
        }
    }

    /// ``perform(publishStatus:_:)`` for bytes, written out: the path of every serial read, without
    /// a closure to call.
    func receive(_ bytes: UnsafeRawBufferPointer, from meter: Int) -> DecoderStatistics {
        inner.withLock { inner in
            while inner.events.popLast() != nil {}
            let now = self.now
            let statistics = inner.core.receive(bytes, from: meter, at: now, into: &inner.events)
            settle(&inner, at: now, publishStatus: false)
            return statistics
        }
    }

    @discardableResult
    func perform<R>(publishStatus: Bool = false, _ body: (inout ControllerCore, inout [ControllerEvent], Duration) -> R) -> R {
        inner.withLock { inner in
            // Emptied in place (`removeAll(keepingCapacity:)` goes through a generic replaceSubrange).
            while inner.events.popLast() != nil {}
            let now = self.now
            let result = body(&inner.core, &inner.events, now)
            settle(&inner, at: now, publishStatus: publishStatus)
            return result
        }
    }

    /// After a call into the core, with its lock held: the lines driven, the events and the status's
    /// change published.
    @inline(__always)
    private func settle(_ inner: inout LiveControllerState, at now: Duration, publishStatus: Bool) {
        var statusDue = publishStatus
        if let work = inner.core.takeEdgeWork() {
            if !work.switches.isEmpty || work.retryLines {
                Self.drive(work, &inner, at: now)
                if !work.switches.isEmpty { inner.decisionTimes.record(self.now - now) }
            }
            // (A switch is notable too: the core marks it.)
            statusDue = statusDue || work.notable || work.retryLines || work.live && broadcaster.wantsLiveStatus
        }
        // The status changes when something beyond a reading changed (frame end, switch, link,
        // reload…), on request (ticks), and at a live value while someone shows them (web page,
        // OLED): a reading alone reaches observers as its event. It is built when read.
        if statusDue {
            broadcaster.publish(inner.events, statusChanged: true)
        } else if !inner.events.isEmpty {
            broadcaster.publish(inner.events)
        }
    }

    /// Drives the line of every switch, then retries the lines whose last drive failed (at their
    /// current state); failures and recoveries go back to the core.
    private static func drive(_ work: ControllerCore.EdgeWork, _ inner: inout LiveControllerState, at now: Duration) {
        for change in work.switches { drive(change.output, to: change.to, &inner, at: now) }
        guard work.retryLines else { return }
        for output in inner.core.decision.outputs where inner.core.lineIsFailing(output.name) {
            drive(output.name, to: output.state, &inner, at: now)
        }
    }

    private static func drive(_ output: String, to state: OutputState, _ inner: inout LiveControllerState, at now: Duration) {
        guard let line = inner.lines[output] else { return }
        do {
            try line.drive(state)
            if inner.core.lineIsFailing(output) { inner.core.lineWorks(output, at: now, into: &inner.events) }
        } catch {
            inner.core.lineFailed(output, error: error, at: now, into: &inner.events)
        }
    }
}

extension WallTime {
    /// The system's wall clock now.
    public static var now: WallTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallTime(millisecondsSince1970: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}

/// What the lock of a ``LiveController`` protects (outside the generic class: no generic metadata
/// lookup on every call).
struct LiveControllerState: @unchecked Sendable {
    var core: ControllerCore
    var events: [ControllerEvent] = []
    /// Lines by output name (requested once, in their initial state, by the composition root).
    let lines: [String: any OutputLine]
    var decisionTimes = DecisionTimes()
}
