import HAL
/// An output declared under `outputs:`: a GPIO line driving an LED or a contactor, with the states it
/// takes on its own.
///
/// Semantics (issue 3): the output starts at ``initial``; a rule that holds sets it; when no rule holds
/// it returns to ``initial``; shedding overrides rules; ``failsafe`` overrides everything (signal lost,
/// linkyd stopping). ``minOn``/``minOff`` are never violated except to reach the fail-safe state.
public struct OutputConfig: Sendable, Hashable {
    /// The key under `outputs:`.
    public var name: String
    public var gpio: GPIOLineAddress
    /// `on` drives the line low (relay boards are often active-low).
    public var activeLow: Bool
    /// The state when no rule holds, and the value the line is requested with at start.
    public var initial: OutputState
    /// The state when the meter signal is lost or linkyd stops. Required in the file: only the user
    /// knows whether a contactor must open or close when the controller is gone.
    public var failsafe: OutputState
    /// The shortest time the output stays on once switched on (protects compressors, contactors).
    public var minOn: Duration
    /// The shortest time the output stays off once switched off.
    public var minOff: Duration
    public var location: SourceLocation

    public init(
        name: String, gpio: GPIOLineAddress, activeLow: Bool = false, initial: OutputState = .off,
        failsafe: OutputState, minOn: Duration = .zero, minOff: Duration = .zero, location: SourceLocation = .start
    ) {
        self.name = name
        self.gpio = gpio
        self.activeLow = activeLow
        self.initial = initial
        self.failsafe = failsafe
        self.minOn = minOn
        self.minOff = minOff
        self.location = location
    }
}
