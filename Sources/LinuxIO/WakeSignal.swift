import Glibc
import Synchronization

/// A one-shot latch that wakes a thread blocked in ``SerialPort/read(into:timeout:wakingOn:)`` (or in
/// ``wait(for:)``) from any thread: the reader's cancellation. Once raised it stays raised.
///
/// It is a flag plus the read end of a pipe that becomes readable when raised, so `poll(2)` returns
/// at once. If no pipe could be made (descriptor limit), waits fall back to polling the flag every
/// ``pollingSlice``: cancellation is then slower, never lost.
public final class WakeSignal: Sendable {
    /// How often a wait checks the flag when there is no pipe.
    static let pollingSlice: Duration = .milliseconds(100)

    private let raised = Atomic<Bool>(false)
    private let readEnd: Int32
    private let writeEnd: Int32

    public init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            }
            readEnd = ends[0]
            writeEnd = ends[1]
        } else {
            readEnd = -1
            writeEnd = -1
        }
    }

    deinit {
        if readEnd >= 0 { Glibc.close(readEnd) }
        if writeEnd >= 0 { Glibc.close(writeEnd) }
    }

    /// Raises the signal; idempotent, callable from any thread (and from `onTermination`).
    public func raise() {
        guard !raised.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if writeEnd >= 0 {
            var byte: UInt8 = 1
            _ = Glibc.write(writeEnd, &byte, 1)
        }
    }

    public var isRaised: Bool { raised.load(ordering: .acquiring) }

    /// Whether `poll(2)` on ``pollDescriptor`` wakes up when raised.
    var canWakePoll: Bool { readEnd >= 0 }

    /// Readable once raised (never drained); nil without a pipe.
    var pollDescriptor: Int32? { readEnd >= 0 ? readEnd : nil }

    /// Sleeps for `duration` or until raised. Returns whether it was raised.
    @discardableResult
    public func wait(for duration: Duration) -> Bool { wait(nanoseconds: BootTime.nanoseconds(duration)) }

    /// ``wait(for:)`` in nanoseconds of ``BootTime``: the reader's coalescing wait, ~29 times a
    /// second (two clock reads and one `poll(2)` in the usual case, nothing allocated).
    @discardableResult
    func wait(nanoseconds: Int64) -> Bool {
        let deadline = BootTime.now() &+ nanoseconds
        var fd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        var slice = nanoseconds
        while !isRaised {
            if slice <= 0 { return false }
            if !canWakePoll { slice = min(slice, BootTime.nanoseconds(WakeSignal.pollingSlice)) }
            fd.revents = 0
            _ = poll(&fd, canWakePoll ? 1 : 0, BootTime.pollMilliseconds(slice))
            slice = deadline &- BootTime.now()
        }
        return true
    }
}
