import Controller
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The web server as one of the daemon's observers (``Daemon/observers``): started last, stopped
/// first, and it returns only at graceful shutdown. Whatever goes wrong here — a port in use, a bad
/// address, a users file that cannot be read — is logged with what to do, the page is not served,
/// and the controller goes on driving the outputs.
///
/// At graceful shutdown the SSE streams end at once and the server gets 2 s to finish the requests
/// in flight before it is cancelled (a client that never reads cannot delay the fail-safe states).
public struct WebService: Service {
    public let config: WebConfig
    let broadcaster: EventBroadcaster
    let rules: RulesText
    let logger: Logger
    let onListening: @Sendable (String) -> Void
    /// Made at init (so the event log starts with the service), nil when it could not be.
    let server: Result<WebServer, WebError>

    /// `onListening` gets the page's address once the server listens (the demo prints it).
    /// `history`: where `/energy`, `/power` and their API read (nil: `history: off`).
    public init(config: WebConfig, broadcaster: EventBroadcaster, rules: RulesText, logger: Logger,
                history: HistorySource? = nil, javascriptRoot: String = JavaScriptLibraries.debianRoot,
                onListening: @escaping @Sendable (String) -> Void = { _ in }) {
        self.config = config
        self.broadcaster = broadcaster
        self.rules = rules
        self.logger = logger
        self.onListening = onListening
        var users: UsersFile?
        var server: Result<WebServer, WebError>
        do {
            if let path = config.usersFile { users = try UsersFile.load(path) }
            server = .success(try WebServer(broadcaster: broadcaster, rules: rules, users: users, history: history,
                                            javascriptRoot: javascriptRoot))
        } catch let error as UsersFile.Problem {
            server = .failure(WebError(description: error.description))
        } catch let error as WebError {
            server = .failure(error)
        } catch {
            server = .failure(WebError(description: "\(error)"))
        }
        self.server = server
    }

    public func run() async throws {
        guard case .address(let host, let port) = config.listen else {
            try? await gracefulShutdown()
            return
        }
        let server: WebServer
        switch self.server {
        case .success(let made): server = made
        case .failure(let error):
            logger.error("web: \(error.description); the page is not served, the outputs are controlled as usual")
            try? await gracefulShutdown()
            return
        }
        if let problem = ListenProbe.problem(host: host, port: port) {
            logger.error("web: \(config.listen): \(problem); the page is not served, the outputs are controlled as usual")
            try? await gracefulShutdown()
            return
        }
        var quiet = logger
        quiet.logLevel = .warning
        let logger = self.logger, onListening = self.onListening
        let app = Application(
            router: server.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil,
                                 availableConnectionsDelegate: MaximumAvailableConnections(200)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let url = WebService.address(host: host, port: bound)
                logger.notice("web page at \(url)")
                onListening(url)
            },
            logger: quiet)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await server.runFeed() }
            group.addTask {
                do {
                    try await app.run()
                } catch {
                    logger.error("web: \(error); the page is not served, the outputs are controlled as usual")
                }
            }
            try? await gracefulShutdown()
            server.closeStreams()
            group.addTask { try? await Task.sleep(for: .seconds(2)) }
            await group.next()
            group.cancelAll()
        }
    }

    /// The address to type in a browser: the host's name when listening on every interface.
    static func address(host: String, port: Int) -> String {
        var name = host
        if host == "0.0.0.0" || host == "::" {
            var buffer = [CChar](repeating: 0, count: 256)
            name = gethostname(&buffer, buffer.count) == 0 ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        } else if host.contains(":") {
            name = "[\(host)]"
        }
        return "http://\(name):\(port)/"
    }
}
