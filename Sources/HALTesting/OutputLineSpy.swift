import HAL
import Synchronization

/// A test double for `OutputLine` that records every drive, in order.
///
/// Spies that share a `DriveLog` record into one sequence, so a test can assert the order of drives
/// across lines (shedding order, fail-safe on shutdown):
/// ```swift
/// let log = DriveLog()
/// let heater = OutputLineSpy(name: "water-heater", log: log)
/// let radiators = OutputLineSpy(name: "radiators", log: log)
/// ...
/// #expect(log.drives.map(\.line) == ["radiators", "water-heater"])
/// ```
/// Set `failure` to make the next drives throw (and not be recorded), to test error handling.
public final class OutputLineSpy: OutputLine {
    public let name: String
    /// The log this spy records into (its own, unless one was given).
    public let log: DriveLog
    private let injectedFailure = Mutex<HardwareError?>(nil)

    public init(name: String, log: DriveLog = DriveLog()) {
        self.name = name
        self.log = log
    }

    public func drive(_ state: LineState) throws(HardwareError) {
        if let failure = injectedFailure.withLock({ $0 }) {
            throw failure
        }
        log.record(line: name, state: state)
    }

    /// When set, every `drive` throws this error and records nothing; `nil` (the default) succeeds.
    public var failure: HardwareError? {
        get { injectedFailure.withLock { $0 } }
        set { injectedFailure.withLock { $0 = newValue } }
    }

    /// This line's drives, in order (a subset of `log.drives` when the log is shared).
    public var drives: [RecordedDrive] { log.drives.filter { $0.line == name } }

    /// This line's driven states, in order.
    public var states: [LineState] { drives.map(\.state) }

    /// The last driven state, or `nil` if the line was never driven.
    public var state: LineState? { drives.last?.state }
}
