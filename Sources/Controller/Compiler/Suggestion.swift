/// Did-you-mean: the closest known name to a misspelt one, by edit distance.
enum Suggestion {
    /// The candidate nearest to `word` (case, `_` and spaces ignored), when it is close enough to be
    /// a likely typo: one edit for words up to 3 characters, else up to a third of the length (at
    /// least 2); or when one is a prefix of the other and the prefix has 4 characters or more.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let target = normalized(word)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let name = normalized(candidate)
            var distance = editDistance(target, name)
            if min(target.count, name.count) >= 4, name.starts(with: target) || target.starts(with: name) {
                distance = min(distance, 1)
            }
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= allowance(for: target) else { return nil }
        return best.name
    }

    /// `did you mean 'x'?`, or nil.
    static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String? {
        closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    static func allowance(for word: [Character]) -> Int { word.count <= 3 ? 1 : max(2, word.count / 3) }

    static func normalized(_ word: String) -> [Character] {
        Array(word.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    }

    /// Levenshtein distance (insertions, deletions, substitutions), two rows.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `'a', 'b' or 'c'`.
    static func list(_ names: some Sequence<String>) -> String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last else { return "" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last
    }
}
