import Controller
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TIC
@testable import Web

/// A ``WebService`` on 127.0.0.1 (a free port) fed by a ``Replay`` of the fixture frames, in a service
/// group of its own: what `linkyd run` serves, without the serial port.
final class TestServer: @unchecked Sendable {
    static let rulesText = """
    meters:
      main: { port: /dev/null, mode: historic }
    outputs:
      water-heater: { gpio: { chip: gpiochip0, line: 17 }, initial: off, failsafe: off }
    rules:
      - { name: off-peak heating, when: { period: hc-blue }, then: { water-heater: on } }
    """

    let broadcaster = EventBroadcaster()
    var replay: Replay
    let port: Int
    private var task: Task<Void, Never>?
    private let group: ServiceGroup

    init(usersFile: String? = nil, history: HistorySource? = nil, javascriptRoot: String = JavaScriptLibraries.debianRoot) throws {
        let compilation = RulesCompiler.compile(source: Self.rulesText, file: "rules.yaml")
        var rules = try require(compilation.ruleSet)
        // The rules in force carry the prices the history is costed with (as in `linkyd run`, where
        // both come from one rules file): the server takes them from the status.
        if let history { rules.prices = history.prices }
        replay = Replay(rules: rules, start: LocalTime(weekday: .monday, hour: 1, minute: 0),
                        wallStart: WallTime(secondsSince1970: Date().timeIntervalSince1970))
        // Port 0: the kernel picks a free one, read back from the address the service announces.
        let config = WebConfig(listen: .address(host: "127.0.0.1", port: 0), usersFile: usersFile)
        let listening = Mutex<Int?>(nil)
        let service = WebService(config: config, broadcaster: broadcaster, rules: RulesText(file: "rules.yaml", text: Self.rulesText),
                                 logger: Logger(label: "web-test"), history: history, javascriptRoot: javascriptRoot) { url in
            listening.withLock { $0 = Int(url.split(separator: ":").last?.filter(\.isNumber) ?? "") }
        }
        group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "web-test")))
        broadcaster.publish([], status: replay.core.status)
        let group = self.group
        task = Task { try? await group.run() }
        let deadline = Date().addingTimeInterval(30)
        while listening.withLock({ $0 }) == nil, Date() < deadline { usleep(10_000) }
        port = listening.withLock { $0 } ?? 0
    }

    /// Feeds a frame with `power` VA and publishes what the core did.
    func feed(power: Int, period: String = "HCJB") {
        var events: [ControllerEvent] = []
        _ = replay.feed(Fixtures.frame(power: power, period: period), meter: "main", into: &events)
        broadcaster.publish(events, status: replay.core.status)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        await task?.value
    }
}

struct Missing: Error {}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Missing() }
    return value
}
