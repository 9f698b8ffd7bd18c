#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGPIOD
import HAL

extension GPIOOutputLine {
    /// Turns a shim failure into a `HardwareError` that says which chip or line, and what to do.
    ///
    /// - Parameters:
    ///   - availableChips: lines of `availableChips()`, listed in the hint when the chip is unknown.
    ///   - api: the libgpiod API the shim was built for (1 or 2); it changes `gpioinfo`'s syntax.
    static func hardwareError(
        _ failure: GPIOFailure, address: GPIOLineAddress, availableChips: [String],
        api: Int = Int(linkyd_gpio_api_version())
    ) -> HardwareError {
        let chip = address.chip
        let gpioinfo = api == 2 ? "`gpioinfo -c \(chip)`" : "`gpioinfo \(chip)`"
        let because = "(\(failure.message))"
        let device = failure.stage == .chip ? chip : address.description

        switch (failure.stage, failure.code) {
        case (_, EACCES), (_, EPERM):
            return HardwareError(
                .permissionDenied, device: device, detail: "cannot open the GPIO chip \(because)",
                hint: "add the service user to group 'gpio' (or run with the systemd unit's "
                    + "SupplementaryGroups=gpio); `ls -l /dev/gpiochip*` shows the owner and mode")

        case (.chip, ENOENT):
            return HardwareError(
                .notFound, device: chip, detail: "no GPIO chip named, numbered or labelled '\(chip)' \(because)",
                hint: chipListHint(availableChips))
        case (.chip, ENOTTY), (.chip, ENODEV), (.chip, ENXIO):
            return HardwareError(
                .unsupported, device: chip, detail: "'\(chip)' is not a GPIO chip \(because)",
                hint: chipListHint(availableChips))
        case (.chip, ENOSYS):
            return HardwareError(
                .unsupported, device: chip, detail: "this build of linkyd has no libgpiod \(because)",
                hint: "GPIO outputs need Linux with libgpiod; use `--dry-run` for simulated lines")

        case (.line, ENOENT):
            return HardwareError(
                .notFound, device: device, detail: "no line named '\(address.line)' on chip \(chip) \(because)",
                hint: "see \(gpioinfo) for the line names; you can also give the offset (e.g. `line: 17`)")
        case (.line, ERANGE), (.line, EINVAL):
            let range = failure.lineCount > 0 ? "offsets 0 to \(failure.lineCount - 1)" : "no lines"
            return HardwareError(
                .notFound, device: device,
                detail: "chip \(chip) has \(failure.lineCount) lines (\(range)) \(because)",
                hint: "see \(gpioinfo) for the lines of this chip; a Raspberry Pi's header pins are on "
                    + "the chip labelled pinctrl-bcm2711 (Pi 4) or pinctrl-rp1 (Pi 5)")

        case (.request, EBUSY):
            return HardwareError(
                .busy, device: device, detail: "the line is already requested \(because)",
                hint: "line \(address.line) is already used by another program or by a kernel driver "
                    + "(check \(gpioinfo); a `gpioset` still running, another linkyd, or a dtoverlay)")
        case (.request, EINVAL) where api == 1, (.request, ENOTTY) where api == 1:
            return HardwareError(
                .unsupported, device: device, detail: "the kernel rejected the line request \(because)",
                hint: "this build uses libgpiod 1.x, which needs the kernel's v1 GPIO interface "
                    + "(CONFIG_GPIO_CDEV_V1=y); use a kernel that has it, or build linkyd against libgpiod 2.x")

        case (_, ENODEV), (_, ESHUTDOWN):
            return HardwareError(
                .disconnected, device: device, detail: "the GPIO chip went away \(because)",
                hint: "the chip's driver was unbound or the device removed; restart linkyd once it is back")
        default:
            let action = failure.stage == .set ? "setting the line failed" : "requesting the line failed"
            return HardwareError(
                .io, device: device, detail: "\(action) \(because)",
                hint: "check the kernel log (`journalctl -k`) and \(gpioinfo)")
        }
    }

    /// The hint for an unknown chip: what exists, and the three ways to name it.
    static func chipListHint(_ availableChips: [String]) -> String {
        if availableChips.isEmpty {
            return "there is no /dev/gpiochip* on this machine: is the GPIO driver loaded? "
                + "(in a container, pass the device through, e.g. --device /dev/gpiochip0)"
        }
        return "available chips in /dev: " + availableChips.joined(separator: ", ")
            + "; give a name (gpiochip0), a path (/dev/gpiochip0) or a label (pinctrl-bcm2711)"
    }
}
