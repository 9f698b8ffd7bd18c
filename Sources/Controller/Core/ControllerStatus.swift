import TIC

/// Everything the controller knows now, as one value: what the OLED draws, the web page serves and a
/// health check reads. Observers get the latest one (``EventBroadcaster/status``).
public struct ControllerStatus: Sendable {
    /// Controller time this status was taken at.
    public var at: Duration
    /// The wall clock (UTC) at `at`.
    public var time: WallTime
    /// The rules in force.
    public var rules: RuleSet {
        get { sharedRules.rules }
        set { sharedRules = SharedRules(newValue) }
    }
    /// One reference for the whole rule set, shared by the core and every status it builds (a
    /// `RuleSet` by value is dozens of references to retain and release at every copy).
    var sharedRules: SharedRules
    /// In the rules file's order.
    public var meters: [MeterStatus]
    /// In the rules file's order: state, reason, since when, a pending switch.
    public var outputs: [OutputStatus]
    /// Loads shed now, in the order they were shed.
    public var shedLoads: [String]
    /// Outputs whose line failed the last time it was driven, with the error.
    public var failingLines: [String: String]
    /// The last reload, nil before the first.
    public var lastReload: ReloadResult?
    /// True once the controller stopped (every output in its fail-safe state).
    public var stopped: Bool

    public func meter(named name: String) -> MeterStatus? { meters.first { $0.name == name } }
    public func output(named name: String) -> OutputStatus? { outputs.first { $0.name == name } }
    /// The last reload's problems, while it was refused.
    public var reloadError: String? {
        if case .refused(let problems, _) = lastReload { return problems.joined(separator: "; ") }
        return nil
    }
}

/// A rule set behind one reference (immutable: a new one at each reload).
final class SharedRules: Sendable {
    let rules: RuleSet
    init(_ rules: RuleSet) { self.rules = rules }
}

/// One meter in ``ControllerStatus``.
public struct MeterStatus: Sendable {
    public var name: String
    /// Everything the meter said, typed.
    public var state: MeterState
    /// Controller time of the last verified group; nil before the first.
    public var lastValidGroup: Duration?
    /// When each known label was last received (controller time), indexed by `KnownLabel.rawValue`.
    public var received: LabelTimes
    public var statistics: DecoderStatistics
    public var link: LinkState
    /// No valid group for longer than the signal-loss timeout.
    public var signalLost: Bool

    /// Seconds since the last verified group at `now`.
    public func age(at now: Duration) -> Duration? { lastValidGroup.map { now - $0 } }
}

/// When each known label was last received: one slot per ``KnownLabel``, no allocation per group.
/// (What changed is told by ``LabelDigests``, which stays in the core: a status shares these times
/// only, so the next group copies 16 bytes a label once, not the digests too.)
public struct LabelTimes: Sendable, Hashable {
    /// Controller time per label, meaningful where the label's bit in `received` is set.
    private var times: [Duration] = Array(repeating: .zero, count: KnownLabel.allCases.count)
    /// One bit per label (its raw value) received: bits 0-63, then 64-127.
    private var receivedLow: UInt64 = 0, receivedHigh: UInt64 = 0

    public init() {}

    public subscript(label: KnownLabel) -> Duration? {
        wasReceived(Int(label.rawValue)) ? times[Int(label.rawValue)] : nil
    }

    @inline(__always)
    func wasReceived(_ slot: Int) -> Bool {
        (slot < 64 ? receivedLow >> UInt64(slot) : receivedHigh >> UInt64(slot &- 64)) & 1 != 0
    }

    @inline(__always)
    mutating func set(_ slot: Int, _ now: Duration) {
        times[slot] = now
        if slot < 64 { receivedLow |= 1 << UInt64(slot) } else { receivedHigh |= 1 << UInt64(slot &- 64) }
    }
}

/// The digest of each known label's last value (``GroupView/digest``), to tell a changed value from a
/// repeated one; the core's only, never in a status.
struct LabelDigests: Sendable {
    private var digests: [UInt64] = Array(repeating: 0, count: KnownLabel.allCases.count)

    /// Records `label`'s digest at `now` in `times`; true when its value (horodate and data) differs
    /// from the last one, or it is the first.
    mutating func record(_ label: KnownLabel, digest: UInt64, at now: Duration, in times: inout LabelTimes) -> Bool {
        let slot = Int(label.rawValue)
        let changed = !times.wasReceived(slot) || digests[slot] != digest
        times.set(slot, now)
        digests[slot] = digest
        return changed
    }
}
