import Controller
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOPosix

/// The routes, all read-only (`GET`/`HEAD`; anything else is 405):
///
/// | path | what |
/// |---|---|
/// | `/`, `/energy`, `/power`, `/events`, `/rules` | the pages (`?lang=fr|en`, else `Accept-Language`, else French) |
/// | `/api/status` | ``StatusDocument`` (`?meter=NAME` for one meter) |
/// | `/api/energy`, `/api/energy.csv`, `/api/power`, `/api/power.csv` | the history (``HistoryAPI``) |
/// | `/api/events` | server-sent events: `status`, `switch`, `signal` (``StatusFeed``) |
/// | `/metrics` | Prometheus text format (``MetricsExporter``) |
/// | `/static/app.css`, `/static/*.js` | the page's own files |
/// | `/javascript/chart.js/…`, `/javascript/dygraphs/…` | Debian's charting libraries (``JavaScriptLibraries``) |
///
/// A bad query parameter is 400 with a message (JSON on `/api/…`, text elsewhere).
public struct WebServer: Sendable {
    let broadcaster: EventBroadcaster
    let hub: SSEHub
    let feed: StatusFeed
    let log: EventLog
    let rules: RulesText
    let metrics: MetricsExporter
    let assets: Assets
    let users: UsersFile?
    let history: HistoryAPI
    let libraries: JavaScriptLibraries

    /// Fails only when the page's files are missing from the resources. `history` nil: `history: off`.
    public init(broadcaster: EventBroadcaster, rules: RulesText, users: UsersFile? = nil, hub: SSEHub = SSEHub(),
                log: EventLog = EventLog(), history: HistorySource? = nil,
                javascriptRoot: String = JavaScriptLibraries.debianRoot) throws {
        self.broadcaster = broadcaster
        // Meters and prices of the rules in force: a reload (SIGHUP) that changes `prices:` re-costs the
        // energy page and /api/energy at once.
        self.history = HistoryAPI(source: history, configuredMeters: { broadcaster.status?.meters.map(\.name) ?? [] },
                                  prices: { broadcaster.status?.rules.prices ?? history?.prices ?? PriceSchedule() })
        libraries = JavaScriptLibraries(root: javascriptRoot)
        self.hub = hub
        hub.follow(broadcaster)
        self.log = log
        self.rules = rules
        self.users = users
        metrics = MetricsExporter()
        do { assets = try Assets.load() } catch { throw WebError(description: error.description) }
        feed = StatusFeed(broadcaster: broadcaster, hub: hub, log: log, rules: rules)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ReadOnlyMiddleware())
        if let users { router.add(middleware: BasicAuthMiddleware(users: users)) }
        router.get("/") { request, _ in
            let language = try self.language(request)
            return Self.html(LivePage(language: language, version: self.assets.version).render(self.broadcaster.status))
        }
        router.get("/events") { request, _ in
            let language = try self.language(request)
            return Self.html(EventsPage(language: language, version: self.assets.version).render(self.log.recent()))
        }
        router.get("/rules") { request, _ in
            let language = try self.language(request)
            return Self.html(RulesPage(language: language, version: self.assets.version).render(rules: self.rules.snapshot, status: self.broadcaster.status))
        }
        router.get("/energy") { request, _ in
            let language = try self.language(request, more: ["meter"])
            let page = EnergyPage(language: language, version: self.assets.version, api: self.history)
            return Self.html(try await Self.blocking { page.render(request) })
        }
        router.get("/power") { request, _ in
            let language = try self.language(request, more: ["meter"])
            let page = PowerPage(language: language, version: self.assets.version, api: self.history)
            return Self.html(try await Self.blocking { page.render(request) })
        }
        router.get("/api/status") { request, _ in try self.status(request) }
        let history = self.history
        router.get("/api/energy") { request, _ in try await Self.blocking { try history.energyJSON(request) } }
        router.get("/api/energy.csv") { request, _ in try await Self.blocking { try history.energyCSV(request) } }
        router.get("/api/power") { request, _ in try await Self.blocking { try history.powerJSON(request) } }
        router.get("/api/power.csv") { request, _ in try await Self.blocking { try history.powerCSV(request) } }
        router.get("/javascript/:package/:file") { request, context in
            try Query.check(request, allowed: [], json: false)
            return try self.libraries.response(package: context.parameters.get("package") ?? "", file: context.parameters.get("file") ?? "")
        }
        router.get("/api/events") { request, _ in try self.events(request) }
        router.get("/metrics") { request, _ in
            try Query.check(request, allowed: [], json: false)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: self.metrics.render(self.broadcaster.status))))
        }
        router.get("/static/:file") { request, context in
            try Query.check(request, allowed: ["v"], json: false)
            guard let name = context.parameters.get("file"), let file = self.assets.files[name] else {
                throw Query.Failure(status: .notFound, message: "no such file", json: false)
            }
            let fresh = request.uri.queryParameters.get("v") == self.assets.version
            return Response(status: .ok, headers: [.contentType: file.contentType,
                                                   .cacheControl: fresh ? "public, max-age=31536000, immutable" : "no-cache"],
                            body: .init(byteBuffer: file.body))
        }
        return router
    }

    /// Work that blocks (the history's SQLite reads: a month of minutes takes tens of milliseconds) runs
    /// on NIO's blocking pool, never on Swift's cooperative pool: two threads on a 2-core Pi, which the
    /// controller's ticks (signal loss, `for:`, minimum times), the SSE feed and the exporters share.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Runs the feed (statuses and events to the SSE clients and the log) until cancelled.
    public func runFeed() async { await feed.run() }

    /// Ends every SSE stream (graceful shutdown).
    public func closeStreams() { hub.close() }

    private func language(_ request: Request, more: [String] = []) throws -> Language {
        try Query.check(request, allowed: ["lang"] + more, json: false)
        let query = request.uri.queryParameters.get("lang")
        if let query, Language(rawValue: query) == nil {
            throw Query.Failure(status: .badRequest, message: "lang must be fr or en, not '\(query)'", json: false)
        }
        return Language.negotiate(query: query, acceptLanguage: request.headers[.acceptLanguage])
    }

    private func status(_ request: Request) throws -> Response {
        try Query.check(request, allowed: ["meter"], json: true)
        guard let status = broadcaster.status else {
            throw Query.Failure(status: .serviceUnavailable, message: "no status yet: linkyd is starting", json: true)
        }
        let meter = request.uri.queryParameters.get("meter")
        if let meter, status.meter(named: meter) == nil {
            let names = status.meters.map { "'\($0.name)'" }.joined(separator: ", ")
            throw Query.Failure(status: .badRequest, message: "unknown meter '\(meter)'; the meters are \(names)", json: true)
        }
        return Self.json(StatusDocument.object(status, meter: meter).line)
    }

    private func events(_ request: Request) throws -> Response {
        try Query.check(request, allowed: [], json: true)
        let hub = self.hub, feed = self.feed
        guard !hub.isClosed else {
            throw Query.Failure(status: .serviceUnavailable, message: "linkyd is stopping", json: true)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                // Registered when the body runs, not before: a request whose response never starts
                // leaves no client behind (a connected client keeps live statuses on, SSEHub).
                guard let id = hub.connect(first: feed.currentMessage().map { [$0] } ?? []) else {
                    try await writer.finish(nil)
                    return
                }
                do {
                    try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                    while let message = await hub.next(id) { try await writer.write(message) }
                    hub.disconnect(id)
                    try await writer.finish(nil)
                } catch {
                    hub.disconnect(id)
                    throw error
                }
            })
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                 body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

/// An error at start that the web service reports (the controller goes on).
public struct WebError: Error, CustomStringConvertible {
    public let description: String
}
