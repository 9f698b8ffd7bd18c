/// `/events`: the recent events kept in memory (``EventLog``), newest first, in the page's language.
struct EventsPage {
    var language: Language
    var version: String

    func render(_ events: [LoggedEvent]) -> String {
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        var rows = ""
        for event in events {
            rows += "<tr class=\"ev-\(event.category)\"><td><time datetime=\"\(LocalTimestamp.iso8601(event.time))\">"
                + "\(LocalTimestamp.short(event.time))</time></td><td><span class=\"dot\"></span>\(HTML.escape(event.text(language)))</td></tr>\n"
        }
        let table = events.isEmpty
            ? "<p class=\"muted\">\(t("no_events"))</p>"
            : "<table class=\"log\"><thead><tr><th>\(t("time"))</th><th>\(t("what"))</th></tr></thead><tbody>\n\(rows)</tbody></table>"
        let body = """
        <section class="card wide">
        <h2>\(t("events"))</h2>
        <p class="muted">\(t("events_intro"))</p>
        \(table)
        </section>
        """
        return PageShell(page: .events, language: language, version: version).render(body: body)
    }
}
