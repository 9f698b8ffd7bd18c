import HALTesting
import Glibc
import HAL
@testable import LinuxIO
import TIC
import Testing

/// Reads until `count` bytes arrived or 10 s passed.
private func readBytes(_ port: borrowing SerialPort, count: Int) throws -> [UInt8] {
    var received: [UInt8] = []
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(10))
    while received.count < count, clock.now < deadline {
        received += try port.read(timeout: .seconds(1))
    }
    return received
}

private func attributes(of port: borrowing SerialPort) -> termios {
    var attributes = termios()
    _ = tcgetattr(port.fileDescriptor, &attributes)
    return attributes
}

private func has(_ flags: tcflag_t, _ flag: some BinaryInteger) -> Bool { flags & tcflag_t(flag) != 0 }

private func temporaryDirectory() throws -> String {
    var template = Array("/tmp/linkyd-serial-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw PseudoTerminal.Failure(description: "mkdtemp") }
    return String(cString: made)
}

@Suite struct SerialPortTests {
    @Test func readsWhatTheMasterWrites() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.slavePath, baudRate: 1200)
        #expect(port.resolvedPath == pty.slavePath)
        #expect(port.baudRate == 1200)
        #expect(pty.write(TICBytes.historicFrame))
        let received = try readBytes(port, count: TICBytes.historicFrame.count)
        #expect(received == TICBytes.historicFrame)
        var decoder = FrameDecoder()
        let frames = decoder.push(received)
        #expect(frames.count == 1)
        #expect(frames.first?.groups.count == TICBytes.historicFrameGroupCount)
        #expect(frames.first?.mode == .historic)
    }

    @Test func opensThroughASymlinkAndNamesTheTarget() throws {
        let pty = try PseudoTerminal()
        let directory = try temporaryDirectory()
        let link = directory + "/usb-Linky_TIC-if00-port0"
        #expect(symlink(pty.slavePath, link) == 0)
        defer {
            unlink(link)
            rmdir(directory)
        }
        let port = try SerialPort(path: link, baudRate: 9600)
        #expect(port.path == link)
        #expect(port.resolvedPath == pty.slavePath)
        #expect(port.device == "\(link) → \(pty.slavePath)")
        #expect(pty.write(Array("hello\r\n".utf8)))
        #expect(try readBytes(port, count: 7) == Array("hello\r\n".utf8))
    }

    /// What a pty keeps of the settings: speed, input flags, local and output flags, VMIN/VTIME.
    /// (`CS7`/`PARENB` are forced back to `CS8` by the pty driver; see `attributesFor7E1`.)
    @Test func lineSettingsReadBack() throws {
        let pty = try PseudoTerminal()
        var port = try SerialPort(path: pty.slavePath, baudRate: 1200, parity: .even7E1)
        var current = attributes(of: port)
        #expect(cfgetispeed(&current) == speed_t(B1200))
        #expect(cfgetospeed(&current) == speed_t(B1200))
        #expect(has(current.c_iflag, INPCK))
        for flag in [IGNPAR, PARMRK, ISTRIP, ICRNL, INLCR, IGNCR, IXON, IXOFF] {
            #expect(!has(current.c_iflag, flag))
        }
        for flag in [ICANON, ECHO, ISIG, IEXTEN] {
            #expect(!has(current.c_lflag, flag))
        }
        #expect(!has(current.c_oflag, OPOST))
        #expect(has(current.c_cflag, CREAD))
        #expect(has(current.c_cflag, CLOCAL))
        withUnsafeBytes(of: current.c_cc) { controls in
            #expect(controls[Int(VMIN)] == 0)
            #expect(controls[Int(VTIME)] == 0)
        }

        try port.setBaudRate(9600)
        #expect(port.baudRate == 9600)
        current = attributes(of: port)
        #expect(cfgetispeed(&current) == speed_t(B9600))
        #expect(cfgetospeed(&current) == speed_t(B9600))
        #expect(has(current.c_iflag, INPCK))
    }

    @Test func attributesFor7E1() {
        var dirty = termios()
        dirty.c_iflag = tcflag_t(ICRNL | IGNPAR | PARMRK | ISTRIP | IXON | IXOFF)
        dirty.c_lflag = tcflag_t(ICANON | ECHO | ISIG)
        dirty.c_oflag = tcflag_t(OPOST)
        dirty.c_cflag = tcflag_t(CS8 | CSTOPB | PARODD) | CRTSCTS
        var made = SerialPort.attributes(from: dirty, speed: speed_t(B1200), parity: .even7E1)
        #expect(made.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS7))
        #expect(has(made.c_cflag, PARENB))
        #expect(!has(made.c_cflag, PARODD))
        #expect(!has(made.c_cflag, CSTOPB))
        #expect(!has(made.c_cflag, CRTSCTS))
        #expect(has(made.c_cflag, CREAD) && has(made.c_cflag, CLOCAL))
        #expect(made.c_iflag == tcflag_t(INPCK))
        #expect(!has(made.c_lflag, ICANON) && !has(made.c_lflag, ECHO) && !has(made.c_lflag, ISIG))
        #expect(!has(made.c_oflag, OPOST))
        #expect(cfgetispeed(&made) == speed_t(B1200))
        #expect(cfgetospeed(&made) == speed_t(B1200))
    }

    @Test func attributesFor8N1() {
        var made = SerialPort.attributes(from: termios(), speed: speed_t(B9600), parity: .none8N1MaskBit7)
        #expect(made.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(!has(made.c_cflag, PARENB))
        #expect(!has(made.c_iflag, INPCK))
        #expect(cfgetispeed(&made) == speed_t(B9600))
    }

    @Test func masksBit7In8N1Mode() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.slavePath, baudRate: 1200, parity: .none8N1MaskBit7)
        var current = attributes(of: port)
        #expect(!has(current.c_iflag, INPCK))
        #expect(cfgetispeed(&current) == speed_t(B1200))
        // A 7E1 frame read as 8N1: the parity bit lands in bit 7 of some bytes.
        let withParity = TICBytes.historicFrame.map { byte in byte.nonzeroBitCount % 2 == 1 ? byte | 0x80 : byte }
        #expect(withParity != TICBytes.historicFrame)
        #expect(pty.write(withParity))
        #expect(try readBytes(port, count: withParity.count) == TICBytes.historicFrame)
    }

    @Test func keepsBit7In7E1ModeOnAPty() throws {
        // A pty has no UART: nothing strips or checks bit 7; the decoder rejects such bytes.
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.slavePath, baudRate: 1200, parity: .even7E1)
        #expect(pty.write([0xC1, 0x41]))
        #expect(try readBytes(port, count: 2) == [0xC1, 0x41])
    }

    @Test func timesOutOnASilentLine() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.slavePath, baudRate: 1200)
        #expect(try port.read(timeout: .milliseconds(100)).isEmpty)
        _ = pty
    }

    @Test func aRaisedSignalWakesARead() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.slavePath, baudRate: 1200)
        let signal = WakeSignal()
        Thread.after(.milliseconds(100)) { signal.raise() }
        var buffer = [UInt8](repeating: 0, count: 16)
        let outcome = try buffer.withUnsafeMutableBytes { raw in
            try port.read(into: raw, timeout: .seconds(120), wakingOn: signal)
        }
        #expect(outcome == .woken)
        #expect(signal.isRaised)
        _ = pty
    }

    @Test func reportsDisconnectionWhenTheMasterCloses() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.slavePath, baudRate: 9600)
        pty.closeMaster()
        let error = #expect(throws: HardwareError.self) {
            _ = try port.read(timeout: .seconds(10))
        }
        #expect(error?.kind == .disconnected)
        #expect(error?.device == pty.slavePath)
    }

    @Test func unsupportedSpeed() throws {
        let pty = try PseudoTerminal()
        let error = #expect(throws: HardwareError.self) {
            _ = try SerialPort(path: pty.slavePath, baudRate: 1234)
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.hint.contains("9600") == true)
    }
}

/// A tiny helper so the wake test needs no Foundation: runs `body` on a new thread after a delay.
private enum Thread {
    static func after(_ delay: Duration, _ body: @escaping @Sendable () -> Void) {
        _ = DetachedThread.start {
            WakeSignal().wait(for: delay)
            body()
        }
    }
}
