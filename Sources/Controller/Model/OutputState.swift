/// The logical state of an output, as rules files write it (`on` / `off`). Whether `on` drives the
/// line high or low is wiring configuration (``OutputConfig/activeLow``).
public enum OutputState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case on, off

    public var isOn: Bool { self == .on }
    public var description: String { rawValue }
}
