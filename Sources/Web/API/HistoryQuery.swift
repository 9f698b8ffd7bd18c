import Controller
import History
import Hummingbird

/// The query parameters of `/api/energy` and `/api/power` (and their pages), checked: a bad one
/// is a 400 that names the parameter and what it accepts; an unknown meter a 404 with the known
/// ones; no history a 503 that says why and what to do.
struct HistoryQuery {
    var meter: String?
    var from: CalendarDate?
    var to: CalendarDate?

    static func parse(_ request: Request, allowed: [String], json: Bool) throws -> HistoryQuery {
        try Query.check(request, allowed: allowed, json: json)
        let parameters = request.uri.queryParameters
        var query = HistoryQuery()
        query.meter = parameters.get("meter").flatMap { $0.isEmpty ? nil : $0 }
        query.from = try date(parameters.get("from"), name: "from", json: json)
        query.to = try date(parameters.get("to"), name: "to", json: json)
        if let from = query.from, let to = query.to, from > to {
            throw Query.Failure(status: .badRequest, message: "from (\(from)) is after to (\(to)): from is the first local day, to the last, included", json: json)
        }
        return query
    }

    static func date(_ text: String?, name: String, json: Bool) throws -> CalendarDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            throw Query.Failure(status: .badRequest, message: "\(name) must be a local day YYYY-MM-DD, e.g. 2026-01-15, not '\(text)'", json: json)
        }
        return date
    }

    /// One of `accepted` (the first when absent).
    static func choice<T>(_ request: Request, _ name: String, _ accepted: [(String, T)], json: Bool) throws -> T? {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let value = accepted.first(where: { $0.0 == text })?.1 else {
            throw Query.Failure(status: .badRequest, message: "\(name) must be \(Self.list(accepted.map(\.0))), not '\(text)'", json: json)
        }
        return value
    }

    static func list(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    }

    /// The history store, or a 503 that says why there is none.
    static func store(_ source: HistorySource?, json: Bool) throws -> HistoryStore {
        guard let source else { throw off(json: json) }
        do {
            return try source.open()
        } catch {
            throw Query.Failure(status: .serviceUnavailable, message: "the history \(error.path) cannot be read: \(error.problem); \(error.hint)", json: json)
        }
    }

    static func off(json: Bool) -> Query.Failure {
        Query.Failure(status: .serviceUnavailable, message: "the history is off (history: off in the rules file): no energy or power to show; remove it to record", json: json)
    }

    /// The meter asked for exists (configured now, or recorded in the history), else a 404.
    func checkMeter(known: [String], json: Bool) throws {
        guard let meter, !known.contains(meter) else { return }
        let names = known.isEmpty ? "none yet" : known.map { "'\($0)'" }.joined(separator: ", ")
        throw Query.Failure(status: .notFound, message: "unknown meter '\(meter)'; the meters are \(names)", json: json)
    }

    /// A history read that failed: 500 with the file and the problem.
    static func failure(_ error: HistoryError, json: Bool) -> Query.Failure {
        Query.Failure(status: .internalServerError, message: "the history \(error.path): \(error.problem); \(error.hint)", json: json)
    }

    /// Runs history reads; a failure is a 500 with the file and the problem.
    static func reading<T>(json: Bool, _ body: () throws(HistoryError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw failure(error, json: json)
        }
    }
}
