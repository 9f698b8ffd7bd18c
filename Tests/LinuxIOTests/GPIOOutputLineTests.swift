#if canImport(Glibc)
import Glibc
#endif
import HAL
@testable import LinuxIO
import Testing

/// What can be tested without GPIO hardware: the shim's lookups that fail before any line exists, and
/// the mapping of every errno to an actionable `HardwareError`. Driving real lines needs a kernel with
/// gpio-sim, which Debian's kernels lack (hil/REPORT.md): that is the HIL job's (qemu + gpio-sim).
@Suite struct GPIOOutputLineTests {
    let line17 = GPIOLineAddress(chip: "gpiochip0", line: .name("GPIO17"))

    @Test func reportsTheLibraryItWasBuiltFor() {
        #expect(GPIOOutputLine.libraryDescription.hasPrefix("libgpiod "))
    }

    @Test func unknownChipNameIsNotFoundAndListsChips() {
        let error = #expect(throws: HardwareError.self) {
            try GPIOOutputLine(chip: "no-such-chip", line: .name("GPIO17"), initial: .off)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.device == "no-such-chip")
        #expect(error?.hint == GPIOOutputLine.chipListHint(GPIOOutputLine.availableChips()))
        #expect(error?.hint.contains("/dev") == true)
    }

    @Test func unknownChipPathIsNotFound() {
        let error = #expect(throws: HardwareError.self) {
            try GPIOOutputLine(chip: "/dev/gpiochip99", line: .offset(3), activeLow: true, initial: .on)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.description.contains("No such file or directory") == true)
    }

    @Test(arguments: ["/dev/null", "/etc/hostname"])
    func somethingElseIsNotAGPIOChip(path: String) {
        let error = #expect(throws: HardwareError.self) {
            try GPIOOutputLine(chip: path, line: .offset(0), initial: .off)
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.detail.contains("is not a GPIO chip") == true)
    }

    @Test func chipListHintNamesEveryChipOrSaysThereIsNone() {
        let hint = GPIOOutputLine.chipListHint(["gpiochip0 [pinctrl-bcm2711] (58 lines)", "gpiochip1 [x] (8 lines)"])
        #expect(hint.contains("gpiochip0 [pinctrl-bcm2711] (58 lines), gpiochip1 [x] (8 lines)"))
        #expect(GPIOOutputLine.chipListHint([]).contains("there is no /dev/gpiochip*"))
    }

    @Test func permissionDeniedSaysWhichGroup() {
        let error = GPIOOutputLine.hardwareError(
            GPIOFailure(code: EACCES, stage: .chip, message: "gpiod_chip_open: Permission denied"),
            address: line17, availableChips: [])
        #expect(error.kind == .permissionDenied)
        #expect(error.hint.hasPrefix("add the service user to group 'gpio' (or run with the systemd unit's "
            + "SupplementaryGroups=gpio)"))
    }

    @Test(arguments: [1, 2])
    func busyLineSaysWhoToLookFor(api: Int) {
        let error = GPIOOutputLine.hardwareError(
            GPIOFailure(code: EBUSY, stage: .request, lineCount: 58, message: "request: Device or resource busy"),
            address: line17, availableChips: [], api: api)
        #expect(error.kind == .busy)
        #expect(error.device == "gpiochip0 line GPIO17")
        let gpioinfo = api == 2 ? "gpioinfo -c gpiochip0" : "gpioinfo gpiochip0"
        #expect(error.hint.hasPrefix(
            "line GPIO17 is already used by another program or by a kernel driver (check `\(gpioinfo)`"))
    }

    @Test func unknownLineNameSuggestsGpioinfoAndOffsets() {
        let error = GPIOOutputLine.hardwareError(
            GPIOFailure(code: ENOENT, stage: .line, lineCount: 58, message: "find: No such file or directory"),
            address: GPIOLineAddress(chip: "gpiochip0", line: .name("GPIO71")), availableChips: [], api: 1)
        #expect(error.kind == .notFound)
        #expect(error.detail.hasPrefix("no line named 'GPIO71' on chip gpiochip0"))
        #expect(error.hint.contains("`gpioinfo gpiochip0`"))
        #expect(error.hint.contains("you can also give the offset"))
    }

    @Test func offsetOutOfRangeGivesTheRange() {
        let error = GPIOOutputLine.hardwareError(
            GPIOFailure(code: ERANGE, stage: .line, lineCount: 54, message: "offset out of range"),
            address: GPIOLineAddress(chip: "gpiochip0", line: .offset(60)), availableChips: [])
        #expect(error.kind == .notFound)
        #expect(error.detail.hasPrefix("chip gpiochip0 has 54 lines (offsets 0 to 53)"))
    }

    @Test func v1RequestRejectedByKernelNamesTheMissingOption() {
        let error = GPIOOutputLine.hardwareError(
            GPIOFailure(code: EINVAL, stage: .request, message: "request: Invalid argument"),
            address: line17, availableChips: [], api: 1)
        #expect(error.kind == .unsupported)
        #expect(error.hint.contains("CONFIG_GPIO_CDEV_V1=y"))
    }

    @Test func vanishedChipIsDisconnected() {
        let error = GPIOOutputLine.hardwareError(
            GPIOFailure(code: ENODEV, stage: .set, message: "set: No such device"),
            address: line17, availableChips: [])
        #expect(error.kind == .disconnected)
        #expect(error.device == "gpiochip0 line GPIO17")
    }
}
