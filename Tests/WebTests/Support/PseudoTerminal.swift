import Glibc

/// A pty for a meter: the test writes frames on the master, `linkyd run` opens ``slavePath`` as its
/// meter's port (the same technique as Tests/LinuxIOTests/PseudoTerminal.swift).
final class PseudoTerminal: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var master: Int32
    let slavePath: String

    init() throws {
        let fd = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "open /dev/ptmx: errno \(errno)") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(fd, UInt(0x4004_5431), &unlock) == 0, ioctl(fd, UInt(0x8004_5430), &number) == 0 else {
            close(fd)
            throw Failure(description: "pty ioctl: errno \(errno)")
        }
        master = fd
        slavePath = "/dev/pts/\(number)"
    }

    deinit { if master >= 0 { close(master) } }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return } }
            offset += written
        }
    }
}
