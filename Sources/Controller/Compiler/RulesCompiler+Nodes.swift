import Yams

/// One `key: value` of a mapping, with the key's text.
struct Entry {
    var key: String
    var keyNode: Node
    var value: Node
}

/// The entries of a mapping whose keys were checked against a known list.
struct Fields {
    var entries: [Entry]
    /// Where the mapping is, for "missing field" diagnostics.
    var location: SourceLocation
    /// Some keys were unknown (and reported).
    var hadUnknownKeys = false

    subscript(key: String) -> Entry? { entries.first { $0.key == key } }
}

extension RulesCompiler {
    // MARK: Reporting

    mutating func error(at location: SourceLocation, length: Int = 1, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, file: file, at: location, length: length, message, hint: hint))
    }

    mutating func error(at node: Node, _ message: String, hint: String? = nil) {
        error(at: Self.location(of: node), length: Self.length(of: node), message, hint: hint)
    }

    mutating func warning(at location: SourceLocation, length: Int = 1, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, at: location, length: length, message, hint: hint))
    }

    mutating func warning(at node: Node, _ message: String, hint: String? = nil) {
        warning(at: Self.location(of: node), length: Self.length(of: node), message, hint: hint)
    }

    // MARK: Positions

    static func location(of node: Node) -> SourceLocation {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .start
    }

    /// The width to underline: a scalar's text (with its quotes), else one character.
    static func length(of node: Node) -> Int {
        guard let scalar = node.scalar, !scalar.string.contains("\n") else { return 1 }
        let count = scalar.string.unicodeScalars.count
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return count + 2
        default: return count
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }

    // MARK: Shapes

    /// The entries of a mapping, in file order, keys as text; nil (and an error) when `node` is not a
    /// mapping. `what` completes "expected …".
    mutating func entries(of node: Node, expected what: String, hint: String? = nil) -> [Entry]? {
        guard let mapping = node.mapping else {
            error(at: node, "expected \(what), found \(Self.describe(node))", hint: hint)
            return nil
        }
        var result: [Entry] = []
        for (key, value) in mapping {
            guard let text = key.scalar?.string else {
                error(at: key, "a key must be a plain name, found \(Self.describe(key))")
                continue
            }
            result.append(Entry(key: text, keyNode: key, value: value))
        }
        return result
    }

    /// A mapping with known keys: unknown ones are reported with a did-you-mean.
    mutating func fields(of node: Node, in context: String, allowed: [String], hint: String? = nil) -> Fields? {
        guard let entries = entries(of: node, expected: "a mapping for \(context)", hint: hint) else { return nil }
        var known: [Entry] = []
        for entry in entries {
            if allowed.contains(entry.key) {
                known.append(entry)
            } else {
                let hint = Suggestion.didYouMean(entry.key, among: allowed) ?? "\(context) accepts \(Suggestion.list(allowed))"
                error(at: entry.keyNode, "unknown key '\(entry.key)' in \(context)", hint: hint)
            }
        }
        return Fields(entries: known, location: Self.location(of: node), hadUnknownKeys: known.count < entries.count)
    }

    /// The text of a scalar; nil (and an error) for a mapping, a list or an empty value.
    mutating func text(_ node: Node, expected what: String) -> String? {
        guard let scalar = node.scalar else {
            error(at: node, "expected \(what), found \(Self.describe(node))")
            return nil
        }
        guard !scalar.string.isEmpty || scalar.style != .plain else {
            error(at: node, "missing value: expected \(what)")
            return nil
        }
        return scalar.string
    }

    /// A scalar parsed by `parse`; a problem becomes an error at the scalar.
    mutating func value<Value>(_ node: Node, expected what: String, _ parse: (String) -> Result<Value, ValueProblem>) -> Value? {
        guard let text = text(node, expected: what) else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let problem):
            error(at: node, problem.message, hint: problem.hint)
            return nil
        }
    }

    mutating func durationValue(_ node: Node) -> Duration? {
        value(node, expected: "a duration such as 30 s or 2 min", ValueSyntax.duration)
    }

    /// A scalar or a list of scalars (`period: hc`, `period: [hc, hp]`), each with its node.
    mutating func scalarList(_ node: Node, expected what: String) -> [(text: String, node: Node)] {
        if let sequence = node.sequence {
            if sequence.isEmpty { error(at: node, "empty list: expected \(what)") }
            return sequence.compactMap { item in text(item, expected: what).map { ($0, item) } }
        }
        return text(node, expected: what).map { [($0, node)] } ?? []
    }

    /// "(declared at line N)".
    static func declared(_ location: SourceLocation?) -> String {
        location.map { " (declared at line \($0.line))" } ?? ""
    }
}
