import Glibc
import Synchronization

/// A real pseudo-terminal for plumbing tests: the test writes on the master, the code under test
/// opens ``slavePath`` like any tty. (Not `posix_openpt`: Glibc's Swift module does not export the
/// XSI pty calls, so this is what they do on Linux: open /dev/ptmx, unlock, ask the number.)
///
/// A pty slave is not a UART: its driver keeps the speed and the input flags but forces `CS8` and
/// clears `PARENB`, and checks no parity.
public final class PseudoTerminal: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// `TIOCSPTLCK` = `_IOW('T', 0x31, int)`, `TIOCGPTN` = `_IOR('T', 0x30, unsigned int)`.
    private static let unlockRequest = UInt(0x4004_5431)
    private static let numberRequest = UInt(0x8004_5430)

    /// The master descriptor, -1 once closed; the lock serialises writes with closing.
    private let master: Mutex<Int32>
    public let slavePath: String

    public init() throws {
        let fd = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "open /dev/ptmx: errno \(errno)") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(fd, PseudoTerminal.unlockRequest, &unlock) == 0,
            ioctl(fd, PseudoTerminal.numberRequest, &number) == 0
        else {
            close(fd)
            throw Failure(description: "pty ioctl: errno \(errno)")
        }
        master = Mutex(fd)
        slavePath = "/dev/pts/\(number)"
    }

    deinit {
        closeMaster()
    }

    /// Writes all of `bytes` on the master (the slave reads them). False once closed or on error.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        master.withLock { fd in
            guard fd >= 0 else { return false }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Closes the master: the slave hangs up and its /dev/pts node disappears.
    public func closeMaster() {
        master.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    /// Waits until no one holds the slave open any more (the master then polls `POLLHUP`).
    public func waitForSlaveClosed(timeout: Duration = .seconds(10)) -> Bool {
        let fd = master.withLock { $0 }
        guard fd >= 0 else { return false }
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            fds[0].revents = 0
            if poll(&fds, 1, 50) > 0, Int32(fds[0].revents) & Int32(POLLHUP) != 0 { return true }
            // Not hung up: whatever is readable (nothing is written by the slave) is drained.
            if Int32(fds[0].revents) & Int32(POLLIN) != 0 {
                var scratch = [UInt8](repeating: 0, count: 256)
                _ = read(fd, &scratch, scratch.count)
            }
            usleep(20_000)
        }
        return false
    }
}
