import Controller

/// `/`: one card per meter and the outputs. The server embeds the current status (the same object
/// as `/api/status`) and the words; `live.js` draws them and follows `/api/events`.
struct LivePage {
    var language: Language
    var version: String

    func render(_ status: ControllerStatus?) -> String {
        let initial = status.map { StatusDocument.object($0).line } ?? "null"
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        let body = """
        <p id="banner" class="banner" role="status" hidden></p>
        <div id="meters" class="cards"></div>
        <section class="card outputs" aria-labelledby="outputs-title">
        <h2 id="outputs-title">\(t("outputs"))</h2>
        <ul id="outputs" class="outputs-list"></ul>
        </section>
        <noscript><p class="banner">\(t("noscript"))</p></noscript>
        <script id="initial-status" type="application/json">\(HTML.scriptJSON(initial))</script>
        <script id="strings" type="application/json">\(HTML.scriptJSON(Strings.script(language)))</script>
        """
        return PageShell(page: .live, language: language, version: version).render(body: body, script: "live.js")
    }
}
