import Yams

/// A condition being compiled, with what the contradiction check needs: the conditions that must all
/// hold together (an `all:` flattened, or the keys of one mapping), each with where it was written.
struct CompiledCondition {
    /// One of the conditions that must hold together.
    struct Conjunct {
        var condition: Condition
        /// The key it was written under (`period`, `any`…), where a contradiction is reported.
        var keyNode: Node
        /// `period: hc`, as the user wrote it, for messages.
        var summary: String
    }

    var condition: Condition
    var conjuncts: [Conjunct]

    /// A leaf, or a condition the contradiction check treats as opaque (`any`, `not`, `for`).
    init(_ condition: Condition, keyNode: Node, summary: String) {
        self.condition = condition
        self.conjuncts = [Conjunct(condition: condition, keyNode: keyNode, summary: summary)]
    }

    /// All of `parts`, flattened (one part stays itself).
    init(all parts: [CompiledCondition]) {
        if parts.count == 1, let only = parts.first {
            self = only
            return
        }
        self.condition = .all(parts.map(\.condition))
        self.conjuncts = parts.flatMap(\.conjuncts)
    }

    /// `key: value` as written: scalars verbatim, lists of scalars in brackets, else `{…}`.
    static func summary(key: String, value: Node) -> String {
        if let text = value.scalar?.string { return "\(key): \(text)" }
        if let items = value.sequence, items.allSatisfy({ $0.scalar != nil }) {
            return "\(key): [\(items.compactMap { $0.scalar?.string }.joined(separator: ", "))]"
        }
        return "\(key): {…}"
    }
}
