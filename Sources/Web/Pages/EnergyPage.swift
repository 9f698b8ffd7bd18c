import Controller
import Foundation
import History
import Hummingbird
import TIC

/// `/energy`: per meter, today, yesterday, this month and this year per tariff period in kWh and €
/// with the subscription share, the injection (producers) and the total — rendered by the server,
/// so the numbers show without JavaScript or a charting library — then the bars (`energy.js`,
/// Chart.js from libjs-chart.js) by day, week, month or year, stacked per period, from `/api/energy`.
struct EnergyPage: Sendable {
    var language: Language
    var version: String
    var api: HistoryAPI

    /// Periods in the order people read them (supplier index order), then any other name.
    static let order = ["base", "hc", "hp", "hn", "pm", "hc-blue", "hp-blue", "hc-white", "hp-white", "hc-red", "hp-red"]

    static func sorted(_ periods: some Sequence<String>) -> [String] {
        Set(periods).sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
    }

    func render(_ request: Request) -> String {
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        var body = ""
        var meters: [String] = []
        var today = CalendarDate(year: 1970, month: 1, day: 1)
        do {
            let store = try HistoryQuery.store(api.source, json: false)
            meters = api.knownMeters(store)
            if let source = api.source { today = source.today() }
            for meter in meters { body += try summary(meter: meter, store: store, today: today) }
        } catch let failure as Query.Failure {
            body += "<p class=\"banner\" role=\"status\">\(HTML.escape(failure.message))</p>"
        } catch {
            body += "<p class=\"banner\" role=\"status\">\(HTML.escape("\(error)"))</p>"
        }
        let options = meters.map { "<option value=\"\(HTML.escape($0))\">\(HTML.escape($0))</option>" }.joined()
        let steps = [("day", "by_day"), ("week", "by_week"), ("month", "by_month"), ("year", "by_year")]
            .map { "<button type=\"button\" data-by=\"\($0.0)\">\(t($0.1))</button>" }.joined()
        body += """
        <section class="card wide" id="bars-card"\(meters.isEmpty ? " hidden" : "")>
        <div class="toolbar">
        <h2 id="bars-title">\(t("energy_bars"))</h2>
        <select id="bars-meter" aria-label="\(t("meter"))"\(meters.count < 2 ? " hidden" : "")>\(options)</select>
        <div class="segmented" role="group" aria-label="\(t("bars_by"))">\(steps)</div>
        <div class="segmented"><button type="button" id="bars-prev" aria-label="\(t("previous"))">‹</button>
        <span id="bars-range" class="range"></span>
        <button type="button" id="bars-next" aria-label="\(t("next"))">›</button></div>
        </div>
        <p id="library-missing" class="banner" role="status" hidden>\(t("chartjs_missing"))</p>
        <div class="chart-box"><canvas id="bars" aria-label="\(t("energy_bars"))" role="img"></canvas></div>
        <p class="muted small">\(t("bars_hint"))</p>
        <details><summary>\(t("bars_table"))</summary>
        <table class="numbers" id="bars-table"><thead></thead><tbody></tbody></table>
        </details>
        </section>
        <script id="strings" type="application/json">\(HTML.scriptJSON(Strings.script(language)))</script>
        <script id="energy-setup" type="application/json">\(HTML.scriptJSON(setup(meters: meters, today: today)))</script>
        <script src="/javascript/chart.js/chart.min.js" defer></script>
        """
        return PageShell(page: .energy, language: language, version: version).render(body: body, script: "energy.js")
    }

    private func setup(meters: [String], today: CalendarDate) -> String {
        var object = JSONObject()
        object.add("meters", .array(meters.map { .string($0) }))
        object.add("today", .string(today.description))
        object.add("lang", .string(language.rawValue))
        return object.line
    }

    /// One meter's card: the four intervals side by side.
    private func summary(meter: String, store: HistoryStore, today: CalendarDate) throws -> String {
        let t = { (key: String) in HTML.escape(Strings.get(key, language)) }
        let prices = api.prices()
        let yesterday = today.adding(days: -1)
        let firstOfMonth = CalendarDate(year: today.year, month: today.month, day: 1)
        let firstOfYear = CalendarDate(year: today.year, month: 1, day: 1)
        let (days, month, year) = try HistoryQuery.reading(json: false) { () throws(HistoryError) in
            (try store.energy(meter: meter, from: yesterday, to: today, by: .day).map { $0.priced(by: prices) },
             try store.energy(meter: meter, from: firstOfMonth, to: today, by: .month).map { $0.priced(by: prices) },
             try store.energy(meter: meter, from: firstOfYear, to: today, by: .year).map { $0.priced(by: prices) })
        }
        let columns: [(String, EnergyInterval?)] = [
            ("today", days.first { $0.date == today.description }),
            ("yesterday", days.first { $0.date == yesterday.description }),
            ("this_month", month.first), ("this_year", year.first),
        ]
        if columns.allSatisfy({ $0.1 == nil }) {
            return "<section class=\"card wide energy-summary\" data-meter=\"\(HTML.escape(meter))\"><h2>\(t("energy")) · \(HTML.escape(meter))</h2>"
                + "<p class=\"muted\">\(t("no_energy_year"))</p></section>\n"
        }
        let periods = Self.sorted(columns.flatMap { $0.1?.energy.keys.map { $0 } ?? [] })
        var rows = ""
        for period in periods {
            rows += "<tr><th><span class=\"swatch p-\(HTML.escape(period))\"></span>\(HTML.escape(name(period)))</th>"
            for (_, interval) in columns {
                rows += cell(wh: interval?.energy[period], euros: interval?.cost[period])
            }
            rows += "</tr>\n"
        }
        if columns.contains(where: { $0.1?.subscription != nil }) {
            rows += "<tr class=\"sub\"><th>\(t("subscription"))</th>" + columns.map { cell(wh: nil, euros: $0.1?.subscription) }.joined() + "</tr>\n"
        }
        if columns.contains(where: { $0.1?.injected != nil }) {
            rows += "<tr class=\"inj\"><th>\(t("injected"))</th>" + columns.map { cell(wh: $0.1?.injected, euros: $0.1?.injectionValue) }.joined() + "</tr>\n"
        }
        rows += "<tr class=\"total\"><th>\(t("sum"))</th>" + columns.map { cell(wh: $0.1?.totalEnergy, euros: $0.1?.total) }.joined() + "</tr>\n"
        let head = columns.map { "<th>\(t($0.0))</th>" }.joined()
        let noPrices = prices.isEmpty ? "<p class=\"muted small\">\(t("no_prices"))</p>" : ""
        return """
        <section class="card wide energy-summary" data-meter="\(HTML.escape(meter))">
        <h2>\(t("energy")) · \(HTML.escape(meter))</h2>
        <table class="numbers"><thead><tr><th class="units">kWh<br>€</th>\(head)</tr></thead><tbody>
        \(rows)</tbody></table>
        \(noPrices)
        </section>

        """
    }

    private func name(_ period: String) -> String {
        TariffPeriod(rawValue: period).map { Strings.period($0, language) } ?? period
    }

    private func cell(wh: Int?, euros: Double?) -> String {
        guard wh != nil || euros != nil else { return "<td class=\"muted\">–</td>" }
        let kwh = wh.map { Self.number(Double($0) / 1000, digits: 2, language) + "<span class=\"unit\"> kWh</span>" } ?? ""
        let cost = euros.map { Self.number($0, digits: 2, language) + "<span class=\"unit\"> €</span>" } ?? ""
        return "<td><b>\(kwh)</b>\(kwh.isEmpty || cost.isEmpty ? "" : "<br>")<span class=\"muted\">\(cost)</span></td>"
    }

    /// `1 234,56` in French, `1,234.56` in English.
    static func number(_ value: Double, digits: Int, _ language: Language) -> String {
        let text = String(format: "%.\(digits)f", value)
        let parts = text.split(separator: ".")
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        var grouped = ""
        for (index, character) in integer.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(language == .french ? "\u{202F}" : ",") }
            grouped.append(character)
        }
        let fraction = parts.count > 1 ? (language == .french ? "," : ".") + parts[1] : ""
        return (negative ? "-" : "") + String(grouped.reversed()) + fraction
    }
}
