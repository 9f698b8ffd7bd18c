import Glibc

/// Talks to systemd's service manager (`Type=notify`): a datagram to `$NOTIFY_SOCKET`, as
/// sd_notify(3) describes, without libsystemd. Outside systemd (no `NOTIFY_SOCKET`) it does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket path; a leading `@` is an abstract-namespace socket.
    public let socketPath: String?
    /// Half of `$WATCHDOG_USEC` when the unit sets `WatchdogSec=` (and the watchdog is for this process).
    public let watchdogInterval: Duration?

    public init() {
        socketPath = SystemdNotifier.environment("NOTIFY_SOCKET")
        let forUs = SystemdNotifier.environment("WATCHDOG_PID").map { Int32($0) == getpid() } ?? true
        if forUs, let text = SystemdNotifier.environment("WATCHDOG_USEC"), let usec = Int64(text), usec > 0 {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Sends `READY=1`, `STATUS=…`, `WATCHDOG=1`, `RELOADING=1`, `STOPPING=1`… (one per line).
    /// Returns false when there is no manager to tell or the datagram could not be sent.
    @discardableResult
    public func notify(_ lines: String...) -> Bool {
        guard let socketPath, !socketPath.isEmpty else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (path.first == 0 ? 0 : 1))
        let message = Array(lines.joined(separator: "\n").utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), socketAddress, length) }
            }
        }
        return sent == message.count
    }

    /// `MONOTONIC_USEC=…` for `RELOADING=1` (systemd 253 and later want it with the reload).
    public static var monotonicMicroseconds: String {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return "MONOTONIC_USEC=\(Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000)"
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
