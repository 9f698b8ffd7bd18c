import Controller
import History
import Hummingbird
import NIOCore

/// `/api/energy[.csv]` and `/api/power[.csv]`: the history, read-only (``HistorySource``).
///
/// - `/api/energy?meter=&by=hour|day|month|year&from=&to=`: a JSON array of the rows of
///   `linkyd report --json` (``EnergyInterval/json``), priced with the rules' prices; `.csv`: the
///   lines of `linkyd report --csv`. `from`/`to` are local days (`YYYY-MM-DD`, both included;
///   default: all recorded), `by` defaults to `day`.
/// - `/api/power?meter=&from=&to=&step=1m|1h|1d`: `{"step", "from", "to", "columns": ["t", "samples",
///   …power columns], "meters": {NAME: {"rows": [[t, samples, …]], "periods": [[t, period]…]}},
///   "events": [{"t", "time", "meter", "kind", "detail"}]}` with `t` in ms since 1970 (UTC); `.csv`:
///   the columns of `linkyd export`. Default: yesterday and today; step 1m up to 3 days, 1h up to
///   92, else 1d; 1m covers at most 31 days.
struct HistoryAPI: Sendable {
    let source: HistorySource?
    /// The meters of the rules in force (the history may know older ones too).
    let configuredMeters: @Sendable () -> [String]
    /// The prices of the rules in force (they follow reloads).
    let prices: @Sendable () -> PriceSchedule

    static let steps: [(String, ReportStep)] = [("hour", .hour), ("day", .day), ("month", .month), ("year", .year)]
    static let powerSteps: [(String, ReportStep)] = [("1m", .minute), ("1h", .hour), ("1d", .day)]
    static let maximumMinuteDays = 31

    func knownMeters(_ store: HistoryStore) -> [String] {
        var names = configuredMeters()
        for name in (try? store.recordedMeters()) ?? [] where !names.contains(name) { names.append(name) }
        return names
    }

    /// The priced intervals of an energy request.
    func energy(_ request: Request, json: Bool) throws -> [EnergyInterval] {
        let query = try HistoryQuery.parse(request, allowed: ["meter", "by", "from", "to"], json: json)
        let step = try HistoryQuery.choice(request, "by", Self.steps, json: json) ?? .day
        let store = try HistoryQuery.store(source, json: json)
        try query.checkMeter(known: knownMeters(store), json: json)
        let prices = prices()
        return try HistoryQuery.reading(json: json) { () throws(HistoryError) in
            try store.energy(meter: query.meter, from: query.from, to: query.to, by: step).map { $0.priced(by: prices) }
        }
    }

    func energyJSON(_ request: Request) throws -> Response {
        let rows = try energy(request, json: true)
        return WebServer.json("[" + rows.map(\.json).joined(separator: ",\n") + "]")
    }

    func energyCSV(_ request: Request) throws -> Response {
        let rows = try energy(request, json: false)
        let lines = [EnergyInterval.csvHeader] + rows.flatMap(\.csvLines)
        return Self.csv(lines, name: "energy")
    }

    struct PowerRequest {
        var meter: String?
        var from: CalendarDate
        var to: CalendarDate
        var step: ReportStep
        var stepName: String
    }

    func powerRequest(_ request: Request, json: Bool) throws -> (PowerRequest, HistoryStore) {
        let query = try HistoryQuery.parse(request, allowed: ["meter", "from", "to", "step"], json: json)
        let chosen = try HistoryQuery.choice(request, "step", Self.powerSteps, json: json)
        let store = try HistoryQuery.store(source, json: json)
        try query.checkMeter(known: knownMeters(store), json: json)
        let today = source?.today() ?? CalendarDate(year: 1970, month: 1, day: 1)
        let to = query.to ?? max(today, query.from ?? today)
        let from = query.from ?? to.adding(days: -1)
        let days = to.dayNumber - from.dayNumber + 1
        let step = chosen ?? (days <= 3 ? .minute : days <= 92 ? .hour : .day)
        if step == .minute, days > Self.maximumMinuteDays {
            throw Query.Failure(status: .badRequest, message: "step=1m covers at most \(Self.maximumMinuteDays) days (asked: \(days), from \(from) to \(to)); use step=1h or 1d", json: json)
        }
        let name = Self.powerSteps.first { $0.1 == step }?.0 ?? "1h"
        return (PowerRequest(meter: query.meter, from: from, to: to, step: step, stepName: name), store)
    }

    func powerJSON(_ request: Request) throws -> Response {
        let (asked, store) = try powerRequest(request, json: true)
        guard let source else { throw HistoryQuery.off(json: true) }
        let calendar = source.calendar
        let start = calendar.start(of: asked.from), end = calendar.start(of: asked.to.adding(days: 1))
        var out = "{\"step\":\"\(asked.stepName)\",\"from\":\"\(asked.from)\",\"to\":\"\(asked.to)\",\"columns\":["
        out += (["t", "samples"] + HistoryStore.powerColumns).map(JSONObject.quote).joined(separator: ",") + "],\"meters\":{"
        try HistoryQuery.reading(json: true) { () throws(HistoryError) in
            let samples = try store.power(meter: asked.meter, from: asked.from, to: asked.to, step: asked.step, calendar: calendar)
            var meters: [String] = []
            for sample in samples where meters.last != sample.meter { meters.append(sample.meter) }
            if let meter = asked.meter, meters.isEmpty { meters = [meter] }
            var first = true
            for meter in meters {
                out += (first ? "" : ",") + JSONObject.quote(meter) + ":{\"rows\":["
                first = false
                var firstRow = true
                for sample in samples where sample.meter == meter {
                    out += (firstRow ? "[" : ",\n[") + "\(sample.time),\(sample.samples)"
                    firstRow = false
                    for value in sample.values { out += value.map { ",\($0)" } ?? ",null" }
                    out += "]"
                }
                out += "],\"periods\":["
                out += try store.periodChanges(meter: meter, from: start, to: end)
                    .map { "[\($0.time),\(JSONObject.quote($0.period))]" }.joined(separator: ",")
                out += "]}"
            }
            out += "},\"events\":["
            let events = try store.events(meter: asked.meter, from: start, to: end).filter { $0.kind != "period" }
            out += events.map { event in
                var object = JSONObject()
                object.add("t", .int(Int(event.time)))
                object.add("time", .string(source.iso8601(event.time)))
                object.add("meter", event.meter.map { .string($0) } ?? .null)
                object.add("kind", .string(event.kind))
                object.add("detail", .string(event.detail))
                return object.line
            }.joined(separator: ",\n")
            out += "]}"
        }
        return WebServer.json(out)
    }

    func powerCSV(_ request: Request) throws -> Response {
        let (asked, store) = try powerRequest(request, json: false)
        guard let source else { throw HistoryQuery.off(json: false) }
        var lines = [(["meter", "time", "samples"] + HistoryStore.powerColumns).joined(separator: ",")]
        do {
            for sample in try store.power(meter: asked.meter, from: asked.from, to: asked.to, step: asked.step, calendar: source.calendar) {
                let values = sample.values.map { $0.map(String.init) ?? "" }
                lines.append(([sample.meter, source.calendar.text(sample.time), String(sample.samples)] + values).joined(separator: ","))
            }
        }
        return Self.csv(lines, name: "power")
    }

    static func csv(_ lines: [String], name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-cache",
                                        .contentDisposition: "inline; filename=\"linkyd-\(name).csv\""],
                 body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }
}
