extension Diagnostic {
    /// The full block `linkyd check` prints: the head line, the source line with its number, a caret
    /// underline, and the hint.
    ///
    /// ```
    /// rules.yaml:14:17: error: unknown output 'chauffe_eau'
    ///    |
    /// 14 |     then: { chauffe_eau: off }
    ///    |             ^^^^^^^^^^^
    /// hint: did you mean 'chauffe-eau'? (declared at line 3)
    /// ```
    /// When the line is not in `source` (a problem at the end of the file), the excerpt is left out.
    public func rendered(source: String) -> String {
        var lines = [headline]
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if location.line >= 1, location.line <= sourceLines.count {
            let text = String(sourceLines[location.line - 1]).trimmingTrailingCarriageReturn
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count + 1) + "|"
            lines.append(gutter)
            lines.append(number + " | " + text)
            lines.append(gutter + " " + underline(for: text))
        }
        if let hint { lines.append("hint: " + hint) }
        return lines.joined(separator: "\n")
    }

    /// Spaces (tabs kept, so the carets line up) to the column, then `^` over `length` characters,
    /// clipped to the end of the line.
    private func underline(for text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let start = min(max(0, location.column - 1), scalars.count)
        let padding = scalars[..<start].map { $0 == "\t" ? "\t" : " " }.joined()
        let count = max(1, min(length, scalars.count - start))
        return padding + String(repeating: "^", count: count)
    }
}

extension String {
    var trimmingTrailingCarriageReturn: String { hasSuffix("\r") ? String(dropLast()) : self }
}
