/// Which TIC mode to expect on a line, hence which speed to read it at (tic-protocol.md §2): the rules
/// file's `mode: auto | historic | standard` and the serial reader's setting, one type.
public enum TICModeSetting: String, Sendable, Hashable, CaseIterable {
    /// Detect it: alternate 1200 ↔ 9600 Bd until groups verify (the reader's mode detector).
    case auto
    /// 1200 Bd.
    case historic
    /// 9600 Bd.
    case standard

    /// The mode to use from the start, nil for ``auto``.
    public var fixedMode: TICMode? {
        switch self {
        case .auto: nil
        case .historic: .historic
        case .standard: .standard
        }
    }
}
