/// Text renderings of a framebuffer: golden files, `linkyd display --ascii`.
extension Framebuffer {
    /// One line per pixel row, `#` for a lit pixel and `.` for an unlit one, each line ending in `\n`.
    public var ascii: String {
        var text = ""
        text.reserveCapacity((width + 1) * height)
        for y in 0..<height {
            for x in 0..<width { text.append(self[x, y] ? "#" : ".") }
            text.append("\n")
        }
        return text
    }

    /// Two pixel rows per terminal line with Unicode half blocks (▀ ▄ █), framed: readable in a terminal.
    public var terminalPreview: String {
        var lines = ["┌" + String(repeating: "─", count: width) + "┐"]
        for y in stride(from: 0, to: height, by: 2) {
            var line = "│"
            for x in 0..<width {
                switch (self[x, y], self[x, y + 1]) {
                case (true, true): line.append("█")
                case (true, false): line.append("▀")
                case (false, true): line.append("▄")
                case (false, false): line.append(" ")
                }
            }
            lines.append(line + "│")
        }
        lines.append("└" + String(repeating: "─", count: width) + "┘")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The framebuffer an ``ascii`` text describes (`#` lit, anything else off); `nil` if the text
    /// has not exactly the rows and columns of `size`.
    public init?(ascii: String, size: PanelSize) {
        let rows = ascii.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        guard rows.count == size.height, rows.allSatisfy({ $0.count == size.width }) else { return nil }
        self.init(size: size)
        for (y, row) in rows.enumerated() {
            for (x, character) in row.enumerated() where character == "#" { self[x, y] = true }
        }
    }
}
