/// The logical state of an output — a GPIO line, and the output of the rules file that drives it:
/// the one vocabulary from the rules file (`on` / `off`) to the line. Whether `on` drives the pin
/// high or low is wiring configuration (`active-low: true` in the rules file), applied by the line,
/// never by the rules.
public enum LineState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The load is switched on (relay energised, LED lit).
    case on
    /// The load is switched off.
    case off

    /// `.on` for `true`.
    public init(_ isOn: Bool) {
        self = isOn ? .on : .off
    }

    public var isOn: Bool { self == .on }

    /// The other state.
    public var toggled: LineState { isOn ? .off : .on }

    /// "on" or "off", as the rules file and `linkyd simulate` write them.
    public var description: String { rawValue }
}
