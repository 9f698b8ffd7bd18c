import TIC

extension SerialReader {
    /// Which TIC mode, hence which speed, the reader uses.
    public enum ModeSetting: String, Sendable, Hashable, CaseIterable {
        /// Detect it: alternate 1200 ↔ 9600 Bd until groups verify (``ModeDetector``).
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
}
