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

extension Framebuffer {
    /// Four pixel rows and two columns per character with Unicode Braille patterns: a 128x64 panel in
    /// 64 columns and 16 lines, framed, small enough to sit beside other text (`linkyd demo`).
    public var braillePreview: [String] {
        // Braille dot numbering: bit 0 = (0,0), 1 = (0,1), 2 = (0,2), 3 = (1,0), 4 = (1,1), 5 = (1,2),
        // 6 = (0,3), 7 = (1,3).
        let bits = [(0, 0, 0), (0, 1, 1), (0, 2, 2), (1, 0, 3), (1, 1, 4), (1, 2, 5), (0, 3, 6), (1, 3, 7)]
        var lines = ["┌" + String(repeating: "─", count: width / 2) + "┐"]
        for y in stride(from: 0, to: height, by: 4) {
            var line = "│"
            for x in stride(from: 0, to: width, by: 2) {
                var pattern: UInt32 = 0
                for (dx, dy, bit) in bits where x + dx < width && y + dy < height && self[x + dx, y + dy] {
                    pattern |= 1 << bit
                }
                line.unicodeScalars.append(UnicodeScalar(0x2800 + pattern) ?? " ")
            }
            lines.append(line + "│")
        }
        lines.append("└" + String(repeating: "─", count: width / 2) + "┘")
        return lines
    }
}
