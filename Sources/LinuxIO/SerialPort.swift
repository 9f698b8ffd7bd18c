import Glibc
import HAL

/// An open serial tty set up for the TIC line (tic-protocol.md §2.1), owned by value: the file
/// descriptor is closed when the port is consumed or goes out of scope, exactly once.
///
/// Opening never waits for a modem line (`O_NONBLOCK`, then `CLOCAL`), never makes the port the
/// controlling terminal (`O_NOCTTY`), and is not inherited by child processes (`O_CLOEXEC`). The
/// path is opened as given, so `/dev/serial/by-id/…` links and udev names work; errors name the
/// path and the device it resolved to. The port asks for exclusive use (`TIOCEXCL`): another
/// unprivileged open of the same tty then fails with `EBUSY`.
///
/// Reads wait with `poll(2)` and a timeout, so the caller notices a silent line; the descriptor
/// stays non-blocking. All problems are ``HardwareError``s with an actionable hint.
///
/// Not thread-safe by design: one owner reads it (``SerialReader`` keeps it on its own thread).
public struct SerialPort: ~Copyable, Sendable {
    /// The path as given.
    public let path: String
    /// `path` with its symbolic links resolved when it was opened (`/dev/ttyUSB0` for a by-id link).
    public let resolvedPath: String
    public let parity: SerialParity
    /// The current line speed in baud.
    public internal(set) var baudRate: Int
    /// The open descriptor, owned by the port: valid while the port lives; never close it. For
    /// read-back (`tcgetattr`) in tests and diagnostics.
    public let fileDescriptor: Int32

    /// Opens `path`, sets the line to `baudRate` and `parity` (see ``SerialPort/attributes(from:speed:parity:)``)
    /// and discards anything already received.
    ///
    /// - Throws: ``HardwareError`` `.notFound` (no such device: hint on by-id links), `.permissionDenied`
    ///   (group `dialout`), `.busy` (another program holds it), `.unsupported` (not a tty, or an
    ///   unsupported speed), `.io` otherwise.
    public init(path: String, baudRate: Int, parity: SerialParity = .even7E1) throws(HardwareError) {
        let resolved = Paths.resolve(path)
        let device = SerialPort.deviceName(path: path, resolved: resolved)
        let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SerialPort.openError(errno, device: device) }
        do {
            try SerialPort.configure(fd, baudRate: baudRate, parity: parity, device: device)
        } catch {
            Glibc.close(fd)
            throw error
        }
        _ = ioctl(fd, UInt(TIOCEXCL))
        self.path = path
        self.resolvedPath = resolved ?? path
        self.parity = parity
        self.baudRate = baudRate
        self.fileDescriptor = fd
    }

    deinit {
        Glibc.close(fileDescriptor)
    }

    /// Closes the port now (otherwise it closes when it goes out of scope).
    public consuming func close() {}

    /// The name used in errors: the path, and where it leads when that differs.
    public var device: String { SerialPort.deviceName(path: path, resolved: resolvedPath) }

    /// What a ``read(into:timeout:wakingOn:)`` call got.
    public enum ReadOutcome: Sendable, Hashable {
        /// This many bytes were stored at the start of the buffer (at least 1).
        case bytes(Int)
        /// Nothing arrived within the timeout.
        case timedOut
        /// The wake signal was raised (checked before data: a raised signal wins).
        case woken
    }

    /// Waits up to `timeout` for bytes and stores the available ones (at most `buffer.count`) at the
    /// start of `buffer`; in ``SerialParity/none8N1MaskBit7`` mode bit 7 of each is cleared.
    /// Returns early with ``ReadOutcome/woken`` once `signal` is raised.
    ///
    /// - Throws: ``HardwareError`` `.disconnected` when the device went away (hang-up with end of
    ///   file, `EIO`, `ENXIO`, `ENODEV`: a USB dongle unplugged, a pty master closed); `.io` otherwise.
    ///   After `.disconnected` the port is useless: drop it and open the path again.
    public func read(
        into buffer: UnsafeMutableRawBufferPointer, timeout: Duration, wakingOn signal: WakeSignal? = nil
    ) throws(HardwareError) -> ReadOutcome {
        try read(into: buffer, timeoutNanoseconds: BootTime.nanoseconds(timeout), wakingOn: signal)
    }

    /// ``read(into:timeout:wakingOn:)`` with the timeout in nanoseconds of ``BootTime`` (the serial
    /// reader's loop: no `Duration` arithmetic per read).
    func read(
        into buffer: UnsafeMutableRawBufferPointer, timeoutNanoseconds timeout: Int64, wakingOn signal: WakeSignal?
    ) throws(HardwareError) -> ReadOutcome {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .timedOut }
        if signal?.isRaised == true { return .woken }
        // Bytes already waiting (the usual case after the reader's coalescing window): read them
        // without a poll first (the descriptor is non-blocking). One system call per read, not two.
        // (A tty in raw mode with VMIN = VTIME = 0 returns 0 when empty, not EAGAIN: only the poll
        // below can tell a hang-up, so 0 here just means "nothing yet".)
        let early = Glibc.read(fileDescriptor, base, buffer.count)
        if early > 0 { return .bytes(masked(buffer, early)) }
        if early < 0, errno != EAGAIN, errno != EINTR, errno != EIO { throw SerialPort.readError(errno, device: device) }
        let deadline = BootTime.now() &+ timeout
        var fds = (pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signal?.pollDescriptor ?? -1, events: Int16(POLLIN), revents: 0))
        let watched: nfds_t = signal?.pollDescriptor == nil ? 1 : 2
        while true {
            if signal?.isRaised == true { return .woken }
            var slice = deadline &- BootTime.now()
            if let signal, !signal.canWakePoll { slice = min(slice, BootTime.nanoseconds(WakeSignal.pollingSlice)) }
            fds.0.revents = 0
            fds.1.revents = 0
            let ready = withUnsafeMutablePointer(to: &fds) { pair in
                pair.withMemoryRebound(to: pollfd.self, capacity: 2) { poll($0, watched, BootTime.pollMilliseconds(slice)) }
            }
            if ready < 0 {
                if errno == EINTR { continue }
                throw SerialPort.readError(errno, device: device)
            }
            if signal?.isRaised == true { return .woken }
            if ready == 0 {
                if BootTime.now() >= deadline { return .timedOut }
                continue
            }
            let revents = Int32(fds.0.revents)
            if revents & Int32(POLLNVAL) != 0 { throw SerialPort.readError(EBADF, device: device) }
            if revents == 0 { continue }
            let count = Glibc.read(fileDescriptor, base, buffer.count)
            if count > 0 { return .bytes(masked(buffer, count)) }
            if count == 0 { throw SerialPort.hangUp(device: device) }
            let code = errno
            if code == EAGAIN || code == EINTR {
                if revents & Int32(POLLHUP | POLLERR) != 0 { throw SerialPort.hangUp(device: device) }
                continue
            }
            throw SerialPort.readError(code, device: device)
        }
    }

    /// ``read(into:timeout:wakingOn:)`` into a new array: empty when nothing arrived in time.
    /// Clears bit 7 of the first `count` bytes in 8N1 mode (the parity bit read as data); returns `count`.
    private func masked(_ buffer: UnsafeMutableRawBufferPointer, _ count: Int) -> Int {
        if parity == .none8N1MaskBit7 {
            for index in 0..<count { buffer[index] &= 0x7F }
        }
        return count
    }

    public func read(upTo maxCount: Int = 256, timeout: Duration) throws(HardwareError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(maxCount, 1))
        var outcome: Result<ReadOutcome, HardwareError> = .success(.timedOut)
        bytes.withUnsafeMutableBytes { raw in
            outcome = Result { () throws(HardwareError) in try read(into: raw, timeout: timeout) }
        }
        guard case .bytes(let count) = try outcome.get() else { return [] }
        bytes.removeSubrange(count...)
        return bytes
    }
}
