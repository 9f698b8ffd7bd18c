import Controller
import History
import Hummingbird

/// `/power`: apparent power over the last hours and days (per phase in three-phase), drawn by
/// `power.js` with dygraphs (libjs-dygraphs: zoom by dragging, pan with shift-drag, the value under
/// the pointer), the tariff periods as coloured bands behind the curve and the events (switches,
/// EJP notices, signal losses) marked on it, from `/api/power`. Without the library the page says
/// which package to install and shows the values in a table.
struct PowerPage: Sendable {
    var language: Language
    var version: String
    var api: HistoryAPI

    func render(_ request: Request) -> String {
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        var body = ""
        var meters: [String] = []
        var today = CalendarDate(year: 1970, month: 1, day: 1)
        do {
            let store = try HistoryQuery.store(api.source, json: false)
            meters = api.knownMeters(store)
            if let source = api.source { today = source.today() }
        } catch let failure as Query.Failure {
            body += "<p class=\"banner\" role=\"status\">\(HTML.escape(failure.message))</p>"
        } catch {
            body += "<p class=\"banner\" role=\"status\">\(HTML.escape("\(error)"))</p>"
        }
        let options = meters.map { "<option value=\"\(HTML.escape($0))\">\(HTML.escape($0))</option>" }.joined()
        let spans = [("6h", "last_6h"), ("24h", "last_24h"), ("7d", "last_7d"), ("30d", "last_30d")]
            .map { "<button type=\"button\" data-span=\"\($0.0)\">\(t($0.1))</button>" }.joined()
        var setup = JSONObject()
        setup.add("meters", .array(meters.map { .string($0) }))
        setup.add("today", .string(today.description))
        setup.add("lang", .string(language.rawValue))
        body += """
        <section class="card wide" id="power-card"\(meters.isEmpty ? " hidden" : "")>
        <div class="toolbar">
        <h2>\(t("power_graph"))</h2>
        <select id="power-meter" aria-label="\(t("meter"))"\(meters.count < 2 ? " hidden" : "")>\(options)</select>
        <div class="segmented" role="group" aria-label="\(t("span"))">\(spans)</div>
        <button type="button" id="power-reset">\(t("reset_zoom"))</button>
        </div>
        <p id="library-missing" class="banner" role="status" hidden>\(t("dygraphs_missing"))</p>
        <div id="power-legend" class="legend" aria-live="polite"></div>
        <div id="power-graph" class="graph"></div>
        <div id="period-key" class="chips"></div>
        <p class="muted small">\(t("power_hint"))</p>
        <h3>\(t("events"))</h3>
        <table class="log" id="power-events"><tbody></tbody></table>
        <table class="numbers" id="power-table" hidden><thead></thead><tbody></tbody></table>
        </section>
        <link rel="stylesheet" href="/javascript/dygraphs/dygraph.min.css">
        <script id="strings" type="application/json">\(HTML.scriptJSON(Strings.script(language)))</script>
        <script id="power-setup" type="application/json">\(HTML.scriptJSON(setup.line))</script>
        <script src="/javascript/dygraphs/dygraph.min.js" defer></script>
        """
        return PageShell(page: .power, language: language, version: version).render(body: body, script: "power.js")
    }
}
