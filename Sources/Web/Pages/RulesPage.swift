import Controller

/// `/rules`: the rules file in force (its text as it was read when last applied), the last reload's
/// result and the diagnostics of that compilation (warnings; a refused reload's errors).
struct RulesPage {
    var language: Language
    var version: String

    func render(rules: RulesText.Snapshot, status: ControllerStatus?) -> String {
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        var reload = "<p class=\"muted\">\(t("no_reload"))</p>"
        switch status?.lastReload {
        case .applied(let summary, let at)?:
            let when = status.map { LocalTimestamp.short(StatusDocument.wall(at, in: $0)) } ?? ""
            reload = "<p><span class=\"chip ok\">\(t("applied"))</span> \(t("at")) \(when) — \(HTML.escape(summary.description))</p>"
        case .refused(let problems, let at)?:
            let when = status.map { LocalTimestamp.short(StatusDocument.wall(at, in: $0)) } ?? ""
            reload = "<p><span class=\"chip bad\">\(t("refused"))</span> \(t("at")) \(when)</p><pre class=\"diag\">"
                + HTML.escape(problems.joined(separator: "\n")) + "</pre>"
        case nil: break
        }
        let diagnostics = rules.diagnostics.isEmpty
            ? "<p class=\"muted\">\(t("no_diagnostics"))</p>"
            : "<pre class=\"diag\">\(HTML.escape(rules.diagnostics))</pre>"
        let text = rules.text.map { "<pre class=\"source\"><code>\(numbered($0))</code></pre>" } ?? "<p class=\"muted\">\(t("no_file"))</p>"
        let body = """
        <section class="card wide">
        <h2>\(t("last_reload"))</h2>
        \(reload)
        <h3>\(t("diagnostics"))</h3>
        \(diagnostics)
        </section>
        <section class="card wide">
        <h2>\(t("rules_file")) <span class="muted mono">\(HTML.escape(rules.file))</span></h2>
        \(text)
        </section>
        """
        return PageShell(page: .rules, language: language, version: version).render(body: body)
    }

    /// The source with line numbers (diagnostics cite them).
    private func numbered(_ source: String) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.enumerated().map { index, line in
            "<span class=\"ln\">\(index + 1)</span>\(HTML.escape(line))"
        }.joined(separator: "\n")
    }
}
