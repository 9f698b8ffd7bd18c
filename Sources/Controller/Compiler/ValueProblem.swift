/// Why a scalar is not a valid value, and what to write instead. Turned into a ``Diagnostic`` at the
/// scalar's position by the compiler.
struct ValueProblem: Error, Sendable, Hashable {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
