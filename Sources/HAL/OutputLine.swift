/// One digital output: a GPIO line driving an LED or a relay board's input.
///
/// Contract:
/// - The line is already requested, as an output, in its initial state, when the conforming value
///   exists (production: `LinuxIO.GPIOOutputLine` asks the kernel once, with the initial value, so the
///   pin never glitches at start). There is no separate "open" or "configure" step.
/// - `drive(_:)` sets the logical state; active-low wiring is the line's configuration, not the caller's.
///   Driving the state the line already has is allowed and harmless (callers may re-assert).
/// - Errors are `HardwareError`s naming the line and saying what to do.
/// - Lines are `Sendable`: they are made by the composition root and handed to the control service.
///
/// Test double: `HALTesting.OutputLineSpy`, which records every drive in order.
public protocol OutputLine: Sendable {
    /// A human-readable name for logs and errors, e.g. `gpiochip0 line GPIO17`.
    var name: String { get }

    /// Sets the line's logical state.
    func drive(_ state: LineState) throws(HardwareError)
}
