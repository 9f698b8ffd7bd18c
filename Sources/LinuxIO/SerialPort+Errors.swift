import Glibc
import HAL

/// errno → ``HardwareError`` with a hint, for opening, setting up and reading a serial port.
extension SerialPort {
    static let byIDHint = "is the dongle plugged in? check `ls -l /dev/serial/by-id/`"

    /// `"/dev/serial/by-id/usb-… → /dev/ttyUSB0"`, or just the path when it leads nowhere else.
    static func deviceName(path: String, resolved: String?) -> String {
        guard let resolved, resolved != path else { return path }
        return "\(path) → \(resolved)"
    }

    static func message(_ code: Int32) -> String { Errno.text(code) }

    /// An `open(2)` failure.
    static func openError(_ code: Int32, device: String) -> HardwareError {
        let detail = "cannot open: \(message(code))"
        switch code {
        case ENOENT, ENOTDIR:
            return HardwareError(.notFound, device: device, detail: detail, hint: byIDHint)
        case ENXIO, ENODEV:
            return HardwareError(
                .notFound, device: device, detail: detail,
                hint: "the device node exists but no device answers: " + byIDHint
                    + " (on a Raspberry Pi UART: is `enable_uart=1` in config.txt?)")
        case EACCES, EPERM:
            return HardwareError(
                .permissionDenied, device: device, detail: detail,
                hint: "add the service user to group 'dialout' (`usermod -aG dialout USER`, then restart the service)")
        case EBUSY:
            return busy(device: device, detail: detail)
        case EISDIR, ENOTTY:
            return notATTY(device: device, detail: detail)
        default:
            return HardwareError(.io, device: device, detail: detail, hint: "")
        }
    }

    /// A `tcgetattr`/`tcsetattr` failure while opening.
    static func setupError(_ code: Int32, device: String) -> HardwareError {
        switch code {
        case ENOTTY, EINVAL:
            return notATTY(device: device, detail: "cannot set the line: \(message(code))")
        case EBUSY:
            return busy(device: device, detail: "cannot set the line: \(message(code))")
        default:
            return readError(code, device: device)
        }
    }

    /// A `poll`/`read`/`tcsetattr` failure on an open port.
    static func readError(_ code: Int32, device: String) -> HardwareError {
        switch code {
        case EIO, ENXIO, ENODEV:
            return HardwareError(
                .disconnected, device: device, detail: "device gone: \(message(code))",
                hint: "the device went away (USB dongle unplugged?); it is reopened when it comes back")
        default:
            return HardwareError(.io, device: device, detail: message(code), hint: "")
        }
    }

    /// End of file after a hang-up: the device went away.
    static func hangUp(device: String) -> HardwareError {
        HardwareError(
            .disconnected, device: device, detail: "device hung up",
            hint: "the device went away (USB dongle unplugged?); it is reopened when it comes back")
    }

    static func busy(device: String, detail: String) -> HardwareError {
        HardwareError(
            .busy, device: device, detail: detail,
            hint: "another program (serial console getty? ModemManager?) holds the port: "
                + "see `fuser -v \(device.split(separator: " ").last.map(String.init) ?? device)`")
    }

    static func notATTY(device: String, detail: String) -> HardwareError {
        HardwareError(
            .unsupported, device: device, detail: "not a serial device (\(detail))",
            hint: "give the path of a tty: /dev/ttyUSB0, /dev/ttyAMA0, /dev/serial0 or a /dev/serial/by-id/ link")
    }
}
