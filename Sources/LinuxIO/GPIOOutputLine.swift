import CGPIOD
import HAL
import Synchronization

/// An output line through libgpiod (1.6 or 2.x, whichever the `CGPIOD` shim was built against).
///
/// The line is requested from the kernel once, in `init`, as an output with its initial state and its
/// active-low setting, so the pin never shows another value first. It stays requested (and shows as
/// used by `consumer` in `gpioinfo`) until the object is released; after that the kernel leaves the
/// pin as it is on a Raspberry Pi, but nothing guarantees it: drive the fail-safe state before.
///
/// ```swift
/// let heater = try GPIOOutputLine(chip: "gpiochip0", line: .name("GPIO17"), activeLow: true, initial: .on)
/// try heater.drive(.off)
/// ```
public final class GPIOOutputLine: OutputLine {
    /// `gpiochip0 line GPIO17`: where the line was asked for, as the configuration wrote it.
    public let name: String
    /// Where the line was asked for.
    public let address: GPIOLineAddress
    /// The line's offset on its chip (resolved from its name when one was given).
    public let offset: Int
    /// The chip's device path, e.g. `/dev/gpiochip0` (resolved from a name, number or label).
    public let chipPath: String
    public let activeLow: Bool
    /// The request. Guarded: libgpiod objects are not thread-safe, lines are `Sendable`.
    private let handle: Mutex<OpaquePointer?>

    /// Requests `line` on `chip` as an output in state `initial`.
    ///
    /// - Parameters:
    ///   - chip: a device name (`gpiochip0`), a path, a number or a label (`pinctrl-bcm2711`).
    ///   - line: a line name (`GPIO17`) or an offset on the chip.
    ///   - activeLow: the load is on when the pin is low (most relay boards).
    ///   - initial: the logical state the line starts in.
    ///   - consumer: the name `gpioinfo` shows as the line's user.
    /// - Throws: `HardwareError` with `.notFound` (unknown chip or line; the hint lists what exists),
    ///   `.permissionDenied` (the hint says which group to join), `.busy` (someone else holds the
    ///   line), `.unsupported` (not a GPIO chip, or a kernel without the GPIO uAPI this build uses).
    public init(
        chip: String, line: GPIOLineAddress.Line, activeLow: Bool = false, initial: LineState,
        consumer: String = "linkyd"
    ) throws(HardwareError) {
        let address = GPIOLineAddress(chip: chip, line: line)
        var error = linkyd_gpio_error()
        var request: OpaquePointer?
        let status: Int32
        switch line {
        case .name(let lineName):
            status = linkyd_gpio_request_output(
                chip, lineName, 0, activeLow ? 1 : 0, initial.isOn ? 1 : 0, consumer, &request, &error)
        case .offset(let lineOffset):
            // An offset beyond Int32 is out of range for any chip; -1 makes the shim say so.
            let offset = Int32(exactly: lineOffset) ?? -1
            status = linkyd_gpio_request_output(
                chip, nil, offset, activeLow ? 1 : 0, initial.isOn ? 1 : 0, consumer, &request, &error)
        }
        guard status == 0, let request else {
            throw Self.hardwareError(GPIOFailure(error), address: address, availableChips: Self.availableChips())
        }
        self.address = address
        self.name = address.description
        self.activeLow = activeLow
        self.offset = Int(linkyd_gpio_line_offset(request))
        self.chipPath = String(cString: linkyd_gpio_line_chip_path(request))
        self.handle = Mutex(request)
    }

    /// Requests the line at `address`; see `init(chip:line:activeLow:initial:consumer:)`.
    public convenience init(
        _ address: GPIOLineAddress, activeLow: Bool = false, initial: LineState, consumer: String = "linkyd"
    ) throws(HardwareError) {
        try self.init(chip: address.chip, line: address.line, activeLow: activeLow, initial: initial,
                      consumer: consumer)
    }

    deinit {
        handle.withLock { request in
            linkyd_gpio_release(request)
            request = nil
        }
    }

    public func drive(_ state: LineState) throws(HardwareError) {
        let failure: GPIOFailure? = handle.withLock { request in
            var error = linkyd_gpio_error()
            return linkyd_gpio_set(request, state.isOn ? 1 : 0, &error) == 0 ? nil : GPIOFailure(error)
        }
        if let failure {
            throw Self.hardwareError(failure, address: address, availableChips: [])
        }
    }

    /// `libgpiod 1.6.3 (v1 API)`: what this build talks to, for `linkyd --version` and startup logs.
    public static var libraryDescription: String {
        let version = String(cString: linkyd_gpio_library_version())
        let api = linkyd_gpio_api_version()
        return api == 0 ? "no libgpiod (not built for Linux)" : "libgpiod \(version) (v\(api) API)"
    }

    /// The GPIO chips in /dev, as `gpiochip0 [pinctrl-bcm2711] (58 lines)`; empty if there are none.
    public static func availableChips() -> [String] {
        var buffer = [CChar](repeating: 0, count: 4096)
        _ = linkyd_gpio_describe_chips(&buffer, buffer.count)
        let text = buffer.withUnsafeBufferPointer { pointer in
            pointer.baseAddress.map { String(cString: $0) } ?? ""
        }
        return text.split(separator: "\n").map(String.init)
    }
}
