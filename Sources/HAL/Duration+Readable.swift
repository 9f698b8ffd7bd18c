extension Duration {
    /// As a rules file writes it: `500 ms`, `30 s`, `2 min`, `1 h`, `90 s`.
    public var readable: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 != 0 { return "\(milliseconds) ms" }
        if seconds != 0, seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds != 0, seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}
