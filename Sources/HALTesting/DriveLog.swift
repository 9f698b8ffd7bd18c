import HAL
import Synchronization

/// One recorded `drive(_:)`: which line, which state, and its 0-based position in the shared log.
public struct RecordedDrive: Sendable, Hashable, CustomStringConvertible {
    public var sequence: Int
    public var line: String
    public var state: LineState

    public init(sequence: Int, line: String, state: LineState) {
        self.sequence = sequence
        self.line = line
        self.state = state
    }

    /// `#0 water-heater on`.
    public var description: String { "#\(sequence) \(line) \(state)" }
}

/// An ordered, thread-safe record of drives, shared by any number of `OutputLineSpy`s.
public final class DriveLog: Sendable {
    private let entries = Mutex<[RecordedDrive]>([])

    public init() {}

    /// Every drive so far, in order.
    public var drives: [RecordedDrive] { entries.withLock { $0 } }

    /// Appends a drive and returns it with its sequence number.
    @discardableResult
    public func record(line: String, state: LineState) -> RecordedDrive {
        entries.withLock { entries in
            let drive = RecordedDrive(sequence: entries.count, line: line, state: state)
            entries.append(drive)
            return drive
        }
    }

    /// Forgets every drive (e.g. after a test's setup phase).
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
