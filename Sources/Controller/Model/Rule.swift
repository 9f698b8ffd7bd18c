/// One entry of `rules:`: while ``condition`` holds, each action's output takes its state. When several
/// rules hold, the later one in the file wins; when none holds, an output returns to its `initial`.
public struct Rule: Sendable, Hashable {
    /// `output: on|off` under `then:`.
    public struct Action: Sendable, Hashable {
        public var output: String
        public var state: OutputState
        public var location: SourceLocation

        public init(output: String, state: OutputState, location: SourceLocation = .start) {
            self.output = output
            self.state = state
            self.location = location
        }
    }

    /// `name:`, or "rule N" (1-based) when the file gives none. Shown as the reason of a switch.
    public var name: String
    public var condition: Condition
    public var actions: [Action]
    public var location: SourceLocation

    public init(name: String, condition: Condition, actions: [Action], location: SourceLocation = .start) {
        self.name = name
        self.condition = condition
        self.actions = actions
        self.location = location
    }
}
