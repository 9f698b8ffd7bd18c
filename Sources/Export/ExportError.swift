/// An exporter's problem, as the journal shows it: which server, what it answered (or why it could not
/// be reached), and what to do. Secrets never appear in it.
public struct ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `mqtt://host:port`, `http://host:8086`, `postgres://user@host/db`: never with a password.
    public var server: String
    public var problem: String
    public var hint: String?

    public init(server: String, problem: String, hint: String? = nil) {
        self.server = server
        self.problem = problem
        self.hint = hint
    }

    public var description: String { "\(server): \(problem)" + (hint.map { " (\($0))" } ?? "") }
}
