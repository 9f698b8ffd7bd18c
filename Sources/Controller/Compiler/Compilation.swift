/// What ``RulesCompiler/compile(source:file:)`` produces: the rules when the file has no error, and
/// every diagnostic (warnings come with a valid rule set too).
public struct Compilation: Sendable {
    /// Nil when ``diagnostics`` has an error.
    public var ruleSet: RuleSet?
    public var diagnostics: Diagnostics

    /// The rule set, or the diagnostics when there is any error (warnings are dropped from a success;
    /// read ``diagnostics`` to show them).
    public var result: Result<RuleSet, Diagnostics> {
        if let ruleSet, !diagnostics.hasErrors { return .success(ruleSet) }
        return .failure(diagnostics)
    }
}
