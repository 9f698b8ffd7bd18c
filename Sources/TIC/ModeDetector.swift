/// Chooses the line speed while the TIC mode is detected automatically (tic-protocol.md §2.2):
/// the mode is only known once groups verify at a speed, since historic frames carry no mode marker
/// and at the wrong speed 7E1 reception yields parity errors and stray control bytes.
///
/// Pure: it is fed ``Observation``s (what a ``FrameDecoder`` counted since the previous observation
/// and how much time passed, both measured by the caller) and answers with a ``Decision``.
///
/// Rules, with the thresholds of ``Configuration``:
/// - **Searching** at a mode's speed: once ``Configuration/groupsToLock`` groups have verified at
///   this speed it is **locked** (``Decision/locked(_:)``). Otherwise it switches to the other speed
///   (``Decision/trySpeed(_:)``) when ``Configuration/searchWindow`` has passed at this speed (with
///   traffic or in silence), or earlier when nothing verified and the line brought garbage:
///   ``Configuration/rejectedGroupsToSwitch`` rejected groups or ``Configuration/garbageBytesToSwitch``
///   bytes. It keeps alternating 1200 ↔ 9600 Bd until a speed locks.
/// - **Locked**: it unlocks when no group has verified for ``Configuration/lossTimeout`` *and* at
///   least ``Configuration/bytesToUnlock`` bytes came in that time, then searches again starting with
///   the other speed (``Decision/unlocked(_:trying:)``): the meter may have been switched to the
///   other mode. Silence alone never unlocks (the reader reports silence separately), and neither
///   does the first partial group after a long silence: a line back at the right speed verifies a
///   group well within ``Configuration/bytesToUnlock`` bytes.
public struct ModeDetector: Sendable, Hashable {
    public struct Configuration: Sendable, Hashable {
        /// Groups that must verify at a speed before it is locked.
        public var groupsToLock = 3
        /// Longest time spent at one speed while searching.
        public var searchWindow: Duration = .seconds(3)
        /// Rejected groups, with none verified, that end the window early.
        public var rejectedGroupsToSwitch = 8
        /// Bytes, with no group verified, that end the window early (at 9600 Bd a standard frame
        /// brings several verified groups within its first few hundred bytes).
        public var garbageBytesToSwitch = 1024
        /// Time without a verified group after which a locked mode is dropped, if traffic came.
        public var lossTimeout: Duration = .seconds(30)
        /// Bytes that must have come during ``lossTimeout`` for the lock to be dropped.
        public var bytesToUnlock = 256

        public init() {}
    }

    /// What a ``FrameDecoder`` saw since the previous observation, and the time that took.
    public struct Observation: Sendable, Hashable {
        public var groupsAccepted: Int
        public var groupsRejected: Int
        public var bytes: Int
        public var elapsed: Duration

        public init(groupsAccepted: Int = 0, groupsRejected: Int = 0, bytes: Int = 0, elapsed: Duration) {
            self.groupsAccepted = groupsAccepted
            self.groupsRejected = groupsRejected
            self.bytes = bytes
            self.elapsed = elapsed
        }

        /// The difference between two snapshots of one decoder's statistics.
        public init(from earlier: DecoderStatistics, to later: DecoderStatistics, elapsed: Duration) {
            self.init(
                groupsAccepted: later.groupsAccepted - earlier.groupsAccepted,
                groupsRejected: later.groupsRejected - earlier.groupsRejected,
                bytes: later.bytes - earlier.bytes, elapsed: elapsed)
        }
    }

    public enum State: Sendable, Hashable {
        /// Trying this mode's speed.
        case searching(TICMode)
        /// Groups verify at this mode's speed.
        case locked(TICMode)
    }

    /// What the caller must do after an observation.
    public enum Decision: Sendable, Hashable {
        /// Nothing changes.
        case keep
        /// Set the line to this mode's speed and keep searching.
        case trySpeed(TICMode)
        /// The mode is detected; the line is already at its speed.
        case locked(TICMode)
        /// The locked mode stopped verifying: set the line to the speed of `trying` and search.
        case unlocked(TICMode, trying: TICMode)
    }

    public let configuration: Configuration
    public private(set) var state: State

    /// Counters since the current state (or speed) began.
    private var verified = 0
    private var rejected = 0
    private var bytes = 0
    private var elapsed: Duration = .zero

    /// Starts searching at `mode`'s speed (a Linky leaves the factory in historic mode).
    public init(startingWith mode: TICMode = .historic, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.state = .searching(mode)
    }

    /// The mode whose speed the line should be set to now.
    public var mode: TICMode {
        switch state {
        case .searching(let mode), .locked(let mode): mode
        }
    }

    /// The locked mode, if any.
    public var lockedMode: TICMode? {
        if case .locked(let mode) = state { return mode }
        return nil
    }

    /// Takes in what happened since the previous observation.
    public mutating func observe(_ observation: Observation) -> Decision {
        switch state {
        case .searching(let mode):
            verified += observation.groupsAccepted
            rejected += observation.groupsRejected
            bytes += observation.bytes
            elapsed += observation.elapsed
            if verified >= configuration.groupsToLock {
                enter(.locked(mode))
                return .locked(mode)
            }
            let garbage = verified == 0
                && (rejected >= configuration.rejectedGroupsToSwitch || bytes >= configuration.garbageBytesToSwitch)
            if garbage || elapsed >= configuration.searchWindow {
                enter(.searching(mode.other))
                return .trySpeed(mode.other)
            }
            return .keep
        case .locked(let mode):
            if observation.groupsAccepted > 0 {
                bytes = 0
                elapsed = .zero
                return .keep
            }
            bytes += observation.bytes
            elapsed += observation.elapsed
            if elapsed >= configuration.lossTimeout, bytes >= configuration.bytesToUnlock {
                enter(.searching(mode.other))
                return .unlocked(mode, trying: mode.other)
            }
            return .keep
        }
    }

    private mutating func enter(_ newState: State) {
        state = newState
        verified = 0
        rejected = 0
        bytes = 0
        elapsed = .zero
    }
}
