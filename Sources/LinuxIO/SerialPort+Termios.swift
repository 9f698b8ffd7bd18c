import Glibc
import HAL

extension SerialPort {
    /// The speeds the port accepts, in baud, with their termios codes: the TIC speeds (1200 historic,
    /// 9600 standard) and the other PME-PMI speeds (tic-protocol.md §2.1).
    public static let supportedBaudRates: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800),
        9600: speed_t(B9600), 19200: speed_t(B19200),
    ]

    /// The line attributes for the TIC, derived from `current` (pure: no system call but
    /// `cfmakeraw`/`cfset*speed`, which only edit the struct).
    ///
    /// Order matters (ARCHITECTURE.md): `cfmakeraw` first (no echo, no canonical mode, no CR/LF
    /// translation, no output processing, no flow control characters), then the character format:
    ///
    /// - ``SerialParity/even7E1``: `CS7 | PARENB`, even (`PARODD` clear), 1 stop bit, `INPCK` on.
    ///   Neither `IGNPAR` nor `PARMRK`: a character with a parity or framing error reads as NUL,
    ///   a control byte that makes its group malformed, so the decoder rejects the whole group.
    ///   (`IGNPAR` would drop the byte silently and leave a shorter group that may still pass the
    ///   6-bit checksum; `PARMRK` would insert `FF 00` marks, three bytes per error, for no gain.)
    ///   `ISTRIP` is off: with 7 data bits bit 7 is always clear anyway.
    /// - ``SerialParity/none8N1MaskBit7``: `CS8`, no parity, no `INPCK`; ``read(into:timeout:wakingOn:)``
    ///   clears bit 7 (the 7E1 parity bit) of every byte.
    ///
    /// Both: `CREAD | CLOCAL` (receiver on, ignore modem lines), no `CRTSCTS`, no software flow
    /// control, and `VMIN = 0, VTIME = 0`: a `read` returns at once with what is there, since waiting
    /// is done by `poll(2)` on a non-blocking descriptor. Input and output speeds are both `speed`.
    public static func attributes(from current: termios, speed: speed_t, parity: SerialParity) -> termios {
        var attributes = current
        cfmakeraw(&attributes)
        attributes.c_cflag &= ~tcflag_t(CSIZE | PARENB | PARODD | CSTOPB | CMSPAR)
        attributes.c_cflag &= ~tcflag_t(CRTSCTS)
        attributes.c_cflag |= tcflag_t(CREAD | CLOCAL)
        attributes.c_iflag &= ~tcflag_t(IGNPAR | PARMRK | ISTRIP | INPCK | IXON | IXOFF | IXANY)
        switch parity {
        case .even7E1:
            attributes.c_cflag |= tcflag_t(CS7 | PARENB)
            attributes.c_iflag |= tcflag_t(INPCK)
        case .none8N1MaskBit7:
            attributes.c_cflag |= tcflag_t(CS8)
        }
        withUnsafeMutableBytes(of: &attributes.c_cc) { controls in
            controls[Int(VMIN)] = 0
            controls[Int(VTIME)] = 0
        }
        cfsetispeed(&attributes, speed)
        cfsetospeed(&attributes, speed)
        return attributes
    }

    /// Changes the line speed in place (auto-detection switches 1200 ↔ 9600 this way), keeping every
    /// other setting, and discards bytes received at the old speed.
    ///
    /// - Throws: `.unsupported` for a speed not in ``supportedBaudRates``; `.disconnected` if the
    ///   device went away; `.io` otherwise.
    public mutating func setBaudRate(_ newBaudRate: Int) throws(HardwareError) {
        let speed = try SerialPort.speed(for: newBaudRate, device: device)
        var attributes = termios()
        guard tcgetattr(fileDescriptor, &attributes) == 0 else {
            throw SerialPort.readError(errno, device: device)
        }
        cfsetispeed(&attributes, speed)
        cfsetospeed(&attributes, speed)
        guard tcsetattr(fileDescriptor, TCSANOW, &attributes) == 0 else {
            throw SerialPort.readError(errno, device: device)
        }
        _ = tcflush(fileDescriptor, TCIFLUSH)
        baudRate = newBaudRate
    }

    /// Applies ``attributes(from:speed:parity:)`` to an open descriptor and flushes both queues.
    static func configure(_ fd: Int32, baudRate: Int, parity: SerialParity, device: String) throws(HardwareError) {
        let speed = try speed(for: baudRate, device: device)
        var current = termios()
        guard tcgetattr(fd, &current) == 0 else { throw setupError(errno, device: device) }
        var wanted = attributes(from: current, speed: speed, parity: parity)
        guard tcsetattr(fd, TCSANOW, &wanted) == 0 else { throw setupError(errno, device: device) }
        _ = tcflush(fd, TCIOFLUSH)
    }

    static func speed(for baudRate: Int, device: String) throws(HardwareError) -> speed_t {
        guard let speed = supportedBaudRates[baudRate] else {
            let known = supportedBaudRates.keys.sorted().map(String.init).joined(separator: ", ")
            throw HardwareError(
                .unsupported, device: device, detail: "unsupported speed \(baudRate) Bd",
                hint: "use \(known) Bd (TIC: 1200 historic, 9600 standard)")
        }
        return speed
    }
}
