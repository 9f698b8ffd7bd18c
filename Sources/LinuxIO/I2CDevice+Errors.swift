#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import HAL

/// errno → `HardwareError` with a hint a Raspberry Pi user can act on.
extension I2CDevice {
    static let enableHint = "enable I2C (raspi-config → Interface Options → I2C, or dtparam=i2c_arm=on in "
        + "/boot/firmware/config.txt, then reboot); `ls /dev/i2c-*` lists the buses"

    static func message(_ code: Int32) -> String { Errno.text(code) }

    /// An `open(2)` failure.
    static func openError(_ code: Int32, device: String) -> HardwareError {
        let detail = "cannot open: \(message(code))"
        switch code {
        case ENOENT, ENOTDIR, ENODEV, ENXIO:
            return HardwareError(.notFound, device: device, detail: detail, hint: enableHint)
        case EACCES, EPERM:
            return HardwareError(
                .permissionDenied, device: device, detail: detail,
                hint: "add the service user to group 'i2c' (or SupplementaryGroups=i2c in the systemd unit); "
                    + "`ls -l \(device)` shows the owner and mode")
        case EBUSY:
            return HardwareError(.busy, device: device, detail: detail, hint: "another program holds the bus")
        default:
            return HardwareError(.io, device: device, detail: detail, hint: "check the kernel log (`journalctl -k`)")
        }
    }

    /// `ioctl(I2C_FUNCS)` failed: the file is not an I2C adapter.
    static func notAnAdapter(_ code: Int32, device: String) -> HardwareError {
        HardwareError(.unsupported, device: device, detail: "not an I2C bus (\(message(code)))",
                      hint: "give an I2C bus device such as /dev/i2c-1; " + enableHint)
    }

    /// `ioctl(I2C_SLAVE)` failed.
    static func addressError(_ code: Int32, device: String, address: I2CAddress) -> HardwareError {
        let detail = "cannot select address \(address): \(message(code))"
        if code == EBUSY {
            return HardwareError(
                .busy, device: device, detail: detail,
                hint: "a kernel driver owns \(address) (a dtoverlay such as ssd1306 in /boot/firmware/config.txt?); "
                    + "remove it: linkyd drives the panel itself")
        }
        return HardwareError(.unsupported, device: device, detail: detail, hint: "is \(device) an I2C bus?")
    }

    /// A `write(2)` or SMBus transfer failure.
    static func writeError(_ code: Int32, device: String, address: I2CAddress) -> HardwareError {
        let detail = "write to \(address) failed: \(message(code))"
        switch code {
        case ENXIO, EREMOTEIO:
            return HardwareError(
                .notFound, device: device, detail: detail,
                hint: "no device answers at \(address): check wiring (SDA → pin 3, SCL → pin 5, VCC → 3.3 V pin 1, "
                    + "GND → pin 6) and address (0x3C or 0x3D, `i2cdetect -y 1`)")
        case ETIMEDOUT, EAGAIN:
            return HardwareError(
                .io, device: device, detail: detail,
                hint: "the bus timed out: check the wiring and that SDA/SCL are not swapped or shorted")
        case ENODEV, ESHUTDOWN:
            return HardwareError(.disconnected, device: device, detail: detail, hint: "the I2C adapter went away")
        case EOPNOTSUPP:
            return HardwareError(.unsupported, device: device, detail: detail, hint: "the adapter cannot do this transfer")
        default:
            return HardwareError(.io, device: device, detail: detail,
                                 hint: "check the wiring and the kernel log (`journalctl -k`)")
        }
    }
}
