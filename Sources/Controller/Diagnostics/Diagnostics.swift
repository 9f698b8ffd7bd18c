/// Every diagnostic of one compilation, in file order (errors and warnings interleaved by position).
public struct Diagnostics: Error, Sendable, Hashable {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic] = []) {
        self.items = items.sorted { ($0.location, $0.severity) < ($1.location, $1.severity) }
    }

    public var errors: [Diagnostic] { items.filter(\.isError) }
    public var warnings: [Diagnostic] { items.filter { !$0.isError } }
    public var hasErrors: Bool { items.contains(where: \.isError) }
    public var isEmpty: Bool { items.isEmpty }

    /// `2 errors, 1 warning` (or `no problems`).
    public var summary: String {
        let errors = errors.count, warnings = warnings.count
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.isEmpty ? "no problems" : parts.joined(separator: ", ")
    }

    /// Every block (``Diagnostic/rendered(source:)``) separated by a blank line, then the summary.
    public func rendered(source: String) -> String {
        (items.map { $0.rendered(source: source) } + [summary]).joined(separator: "\n\n") + "\n"
    }

    /// One line per diagnostic, for the journal.
    public var oneLines: [String] { items.map(\.oneLine) }
}
