/// A problem in a rules file, with where it is and what to do about it (ARCHITECTURE.md, "three kinds
/// of error"). The compiler collects every diagnostic of a file before giving up, so a user fixes
/// everything in one pass.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The file is not used: `linkyd check` exits 1, a reload keeps the old rules.
        case error
        /// The file is used, but probably not as meant.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    /// The file name as given to the compiler (shown as is).
    public var file: String
    public var location: SourceLocation
    /// How many characters to underline from ``location`` (at least 1).
    public var length: Int
    /// What is wrong, lower-case, no final period: `unknown output 'chauffe_eau'`.
    public var message: String
    /// What to do: `did you mean 'chauffe-eau'? (declared at line 3)`.
    public var hint: String?

    public init(
        _ severity: Severity, file: String, at location: SourceLocation, length: Int = 1,
        _ message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.location = location
        self.length = max(1, length)
        self.message = message
        self.hint = hint
    }

    public var isError: Bool { severity == .error }

    /// `FILE:LINE:COL: error: message` — the head line of every form.
    public var headline: String { "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)" }

    /// One line for the journal: the head line, then the hint after ` — hint: `.
    public var oneLine: String { headline + (hint.map { " — hint: \($0)" } ?? "") }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { oneLine }
}
