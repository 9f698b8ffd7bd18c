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

    /// `key: value` as written, flattened on one line (`current: { above: 30 A }`), shortened past
    /// 40 characters.
    static func summary(key: String, value: Node) -> String {
        let text = "\(key): \(flat(value))"
        return text.count <= 40 ? text : String(text.prefix(39)) + "…"
    }

    private static func flat(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .sequence(let sequence): "[" + sequence.map(flat).joined(separator: ", ") + "]"
        case .mapping(let mapping): "{ " + mapping.map { "\(flat($0.key)): \(flat($0.value))" }.joined(separator: ", ") + " }"
        case .alias: "*"
        }
    }
}
