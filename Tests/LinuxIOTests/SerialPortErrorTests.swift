import Glibc
import HAL
@testable import LinuxIO
import Testing

@Suite struct SerialPortErrorTests {
    @Test func missingPath() {
        let error = #expect(throws: HardwareError.self) {
            _ = try SerialPort(path: "/dev/serial/by-id/usb-nothing-here-port0", baudRate: 1200)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.device == "/dev/serial/by-id/usb-nothing-here-port0")
        #expect(error?.hint.contains("/dev/serial/by-id/") == true)
    }

    @Test func danglingSymlinkNamesItsTarget() throws {
        var template = Array("/tmp/linkyd-serial-XXXXXX".utf8CString)
        let directory = try #require(mkdtemp(&template).map { String(cString: $0) })
        let link = directory + "/ttyTIC"
        #expect(symlink("/dev/ttyUSB-gone", link) == 0)
        defer {
            unlink(link)
            rmdir(directory)
        }
        let error = #expect(throws: HardwareError.self) {
            _ = try SerialPort(path: link, baudRate: 1200)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.device == "\(link) → /dev/ttyUSB-gone")
    }

    @Test(arguments: ["/dev/null", "/tmp", "regular file"])
    func notATTY(_ path: String) throws {
        var path = path
        var cleanup: String?
        if path == "regular file" {
            var template = Array("/tmp/linkyd-not-a-tty-XXXXXX".utf8CString)
            let fd = mkstemp(&template)
            try #require(fd >= 0)
            close(fd)
            path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            cleanup = path
        }
        defer { if let cleanup { unlink(cleanup) } }
        let error = #expect(throws: HardwareError.self) {
            _ = try SerialPort(path: path, baudRate: 1200)
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.detail.contains("not a serial device") == true)
    }

    @Test(arguments: [
        (ENOENT, HardwareError.Kind.notFound, "by-id"),
        (ENXIO, .notFound, "by-id"),
        (EACCES, .permissionDenied, "dialout"),
        (EPERM, .permissionDenied, "dialout"),
        (EBUSY, .busy, "ModemManager"),
        (ENOTTY, .unsupported, "tty"),
        (EISDIR, .unsupported, "tty"),
        (EMFILE, .io, ""),
    ])
    func openErrorHints(code: Int32, kind: HardwareError.Kind, hint: String) {
        let error = SerialPort.openError(code, device: "/dev/ttyUSB0")
        #expect(error.kind == kind)
        #expect(error.device == "/dev/ttyUSB0")
        #expect(hint.isEmpty || error.hint.contains(hint))  // ("".contains("") is false through Foundation)
        #expect(error.busyHintNamesGetty || kind != .busy)
    }

    @Test(arguments: [
        (EIO, HardwareError.Kind.disconnected), (ENXIO, .disconnected), (ENODEV, .disconnected),
        (EINVAL, .io),
    ])
    func readErrorKinds(code: Int32, kind: HardwareError.Kind) {
        #expect(SerialPort.readError(code, device: "/dev/ttyUSB0").kind == kind)
    }

    @Test func pollMilliseconds() {
        // Rounded up (a short wait never becomes a busy loop), never negative, capped at a day.
        let milliseconds = { (duration: Duration) in BootTime.pollMilliseconds(BootTime.nanoseconds(duration)) }
        #expect(milliseconds(.zero) == 0)
        #expect(milliseconds(.milliseconds(-5)) == 0)
        #expect(milliseconds(.microseconds(1)) == 1)
        #expect(milliseconds(.milliseconds(250)) == 250)
        #expect(milliseconds(.seconds(1_000_000)) == 86_400_000)
        #expect(milliseconds(.nanoseconds(1_000_001)) == 2)
    }

    /// The reader's integer clock: durations in whole nanoseconds rounded up (a 1 as wait is not 0),
    /// clamped so that deadline sums cannot overflow; the clock itself is CLOCK_BOOTTIME.
    @Test func bootTimeNanoseconds() {
        #expect(BootTime.nanoseconds(.zero) == 0)
        #expect(BootTime.nanoseconds(.milliseconds(35)) == 35_000_000)
        #expect(BootTime.nanoseconds(.seconds(5)) == 5_000_000_000)
        #expect(BootTime.nanoseconds(Duration(secondsComponent: 0, attosecondsComponent: 1)) == 1)
        #expect(BootTime.nanoseconds(.milliseconds(-5)) == -5_000_000)
        let century: Int64 = 100 * 365 * 86_400 * 1_000_000_000
        #expect(BootTime.nanoseconds(.seconds(Int64.max / 2)) == century)
        #expect(BootTime.nanoseconds(.seconds(Int64.min / 2)) == -century)
        #expect(BootTime.nanoseconds(.seconds(Int64.max / 2)) &+ BootTime.now() > 0)
        var spec = timespec()
        let before = BootTime.now()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        let after = BootTime.now()
        let direct = Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
        #expect(before <= direct && direct <= after)
    }
}

extension HardwareError {
    fileprivate var busyHintNamesGetty: Bool { hint.contains("getty") }
}
