/// The logical state of an output line. Whether `.active` means a high or a low pin is wiring
/// configuration (`active-low: true` in the rules file), applied by the line, never by the rules.
public enum LineState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The load is switched on (relay energised, LED lit).
    case active
    /// The load is switched off.
    case inactive

    /// `.active` for `true`.
    public init(_ isActive: Bool) {
        self = isActive ? .active : .inactive
    }

    public var isActive: Bool { self == .active }

    /// The other state.
    public var toggled: LineState { isActive ? .inactive : .active }

    /// "on" or "off", as the rules file and `linkyd simulate` write them.
    public var description: String { isActive ? "on" : "off" }
}
