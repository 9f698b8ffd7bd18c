import ArgumentParser
import Controller
import Daemon
import Display
import Foundation
import History
import Logging
import ServiceLifecycle
import Synchronization
import TIC
import Web

/// `linkyd demo`: the controller's main job on the built-in simulated meter. Each frame is written as
/// wire bytes, decoded, evaluated against the rules (the built-in demo rules, or `--rules`) on
/// simulated lines, and shown with what the scenario is doing and every output switch with its reason.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in simulated meter through the decoder and the rules on simulated outputs."
    )

    @Option(help: "A rules file (default: the built-in demo rules; its first meter is the simulated one).")
    var rules: String?

    @Option(help: "Scenarios to play, comma-separated (default: all). \(MeterScenario.allCases.map(\.name).joined(separator: ", ")).")
    var scenarios: String?

    @Option(help: "Stop after this many frames (default: run until interrupted).")
    var frames: Int?

    @Option(help: "Speed factor: 1 paces frames at their time on the wire, 0 does not wait.")
    var speed: Double = 4

    @Flag(help: "Print one JSON object per frame instead of the readable view.")
    var json = false

    @Option(help: "Serve the web page here: HOST:PORT, or off (default: the rules' web: listen, 0.0.0.0:8080).")
    var listen: String?

    @Option(help: "Days of simulated history behind the web page's /energy and /power (0: none).")
    var historyDays: Int = 35

    @Flag(inversion: .prefixedNo, help: "Show the OLED (128x64) beside the outputs whenever an output switches.")
    var oled = true

    func run() async throws {
        let (source, file) = try rules.map { (try RulesFile.read($0), $0) } ?? (DemoRules.source, DemoRules.file)
        let compilation = RulesCompiler.compile(source: source, file: file)
        guard let ruleSet = compilation.ruleSet, let meter = ruleSet.meters.first?.name else {
            FileHandle.standardError.write(Data((compilation.diagnostics.rendered(source: source) + "\n").utf8))
            throw ExitCode(1)
        }
        var demo = MeterDemo(scenarios: try parseScenarios())
        var replay = Replay(rules: ruleSet, start: LocalTime(weekday: .monday, hour: 12, minute: 0),
                            wallStart: WallTime(secondsSince1970: Date().timeIntervalSince1970))
        // The web page on the simulated meter: the replay's events and status, published as the daemon does.
        let broadcaster = EventBroadcaster()
        broadcaster.publish([], status: replay.core.status)
        let web = try startWeb(ruleSet, source: source, file: file, broadcaster: broadcaster)
        defer { web?.cancel() }
        if !json { printOutputs(replay.engine.statuses, title: "outputs at start (\(file))") }
        var previous: SimulatedFrame?
        var count = 0
        while frames.map({ count < $0 }) ?? true {
            let frame = demo.nextFrame()
            var events: [Replay.Event] = []
            if let previous, frame.scenario == previous.scenario {
                let gap = Duration.nanoseconds(frame.time.nanoseconds - previous.time.nanoseconds - previous.wireDuration)
                if gap > .zero { events += replay.skip(by: gap) }
            }
            if frame.scenario != previous?.scenario, !json {
                print("\n== \(frame.scenario.name): \(frame.scenario.summary)")
            }
            replay.clockOverride = LocalTime(frame.time)
            var published: [ControllerEvent] = []
            events += replay.feed(frame.bytes, meter: meter, into: &published)
            broadcaster.publish(published, status: replay.core.status)
            let state = replay.readings[meter]?.state ?? MeterState()
            if json {
                print(state.jsonObject(frame: count, complete: true).line)
                for event in events { print(event.json) }
            } else {
                print("\(frame.time.horodate.iso8601.prefix(16))  \(frame.caption)")
                print("    \(state.summary(frame: count))")
                for event in events {
                    print("    → \(event.change.output) \(event.change.to.rawValue.uppercased())  (\(event.change.reason))")
                }
                if oled, !events.isEmpty { printPanel(replay, ruleSet, frame: frame) }
            }
            previous = frame
            count += 1
            if speed > 0 {
                let nanoseconds = Double(frame.wireDuration + SimulatedFrame.interFrameSilence) / speed
                try await Task.sleep(for: .nanoseconds(Int64(nanoseconds)))
            }
        }
        if !json {
            printOutputs(replay.engine.statuses, title: "outputs at the end")
            if let s = replay.statistics(of: meter) {
                print("\(s.frames) frames, \(s.groupsAccepted) groups accepted, \(s.groupsRejected) rejected")
            }
        }
    }

    /// Serves the page (unless `--listen off`) in a service group of its own; prints its address.
    private func startWeb(_ rules: RuleSet, source: String, file: String, broadcaster: EventBroadcaster) throws -> Task<Void, Never>? {
        var config = rules.web
        if let listen {
            switch WebConfig.Listen.parse(listen) {
            case .success(let value): config.listen = value
            case .failure(let problem): throw ValidationError("--listen: \(problem)")
            }
        }
        guard config.listen != .off else { return nil }
        let json = self.json
        let logger = Logger(label: "linkyd.demo")
        let history = try fillHistory(rules, json: json)
        let service = WebService(config: config, broadcaster: broadcaster, rules: RulesText(file: file, text: source), logger: logger,
                                 history: history) { url in
            let line = "web page: \(url)  (the simulated meter, live; Ctrl-C to stop)\n"
            FileHandle(fileDescriptor: json ? 2 : 1).write(Data(line.utf8))
        }
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        return Task {
            await withTaskCancellationHandler {
                try? await group.run()
            } onCancel: {
                Task { await group.triggerGracefulShutdown() }
            }
        }
    }

    /// A temporary history (removed at exit) with `--history-days` of the simulated household ending
    /// now, so the page's /energy and /power show something at once; nil with 0 days.
    private func fillHistory(_ rules: RuleSet, json: Bool) throws -> HistorySource? {
        guard historyDays > 0 else { return nil }
        guard historyDays <= 400 else { throw ValidationError("--history-days: at most 400") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-demo-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        let path = directory.appendingPathComponent("history.sqlite").path
        DemoCommand.historyDirectory.withLock { $0 = directory.path }
        atexit { DemoCommand.removeHistory() }
        // Ctrl-C and SIGTERM end the demo: the temporary history goes with it.
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                DemoCommand.removeHistory()
                _exit(128 + signalNumber)
            }
            source.resume()
            DemoCommand.signalSources.append(source)
        }
        let clock = ContinuousClock()
        var summary: DemoHistory.Summary?
        let elapsed = try clock.measure {
            summary = try DemoHistory.fill(path: path, rules: rules, meter: rules.meters.first?.name ?? "main", days: historyDays)
        }
        if let summary {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let line = "history: \(historyDays) days simulated (\(summary.from) to \(summary.to), \(summary.frames) frames) in \(String(format: "%.1f", seconds)) s, in \(path)\n"
            FileHandle(fileDescriptor: json ? 2 : 1).write(Data(line.utf8))
        }
        var config = rules.history
        config.enabled = true
        config.path = path
        return HistorySource(config: config, prices: rules.prices)
    }

    static let historyDirectory = Mutex<String?>(nil)
    /// Kept for the life of the process (a released source stops delivering).
    nonisolated(unsafe) static var signalSources: [any DispatchSourceSignal] = []

    static func removeHistory() {
        if let directory = historyDirectory.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The OLED as it would look now (Braille dots), with the outputs beside it.
    private func printPanel(_ replay: Replay, _ rules: RuleSet, frame: SimulatedFrame) {
        let local = LocalTime(frame.time)
        let status = DisplayStatus(replay.core.status, at: replay.now, local: local)
        let settings = rules.display?.settings ?? .standard
        let picture = Dashboard.render(status, size: .size128x64, settings: settings, cycle: RenderCycle(elapsed: replay.now))
        let outputs = replay.engine.statuses.map { "\($0.name): \($0.state.rawValue.uppercased())  \($0.reason)" }
        for (index, line) in picture.braillePreview.enumerated() {
            let side = index >= 2 && index - 2 < outputs.count ? "   " + outputs[index - 2] : ""
            print("    " + line + side)
        }
    }

    private func printOutputs(_ statuses: [OutputStatus], title: String) {
        print("\(title):")
        for status in statuses { print("    \(status.name): \(status.state)  (\(status.reason))") }
    }

    private func parseScenarios() throws -> [MeterScenario] {
        guard let scenarios else { return MeterScenario.allCases }
        return try MeterScenario.parse(list: scenarios)
    }
}

extension MeterScenario {
    /// `tempo-blue-to-red,producer` → the scenarios, or an error that lists the names.
    static func parse(list: String) throws -> [MeterScenario] {
        try list.split(separator: ",").map { name in
            guard let scenario = MeterScenario(name: String(name)) else {
                throw ValidationError("unknown scenario '\(name)'; choose among: \(MeterScenario.allCases.map(\.name).joined(separator: ", "))")
            }
            return scenario
        }
    }
}

extension LocalTime {
    /// The simulated meter's local time.
    init(_ clock: MeterClock) {
        let weekday = Weekday(isoNumber: clock.weekday == 0 ? 7 : clock.weekday) ?? .monday
        self.init(weekday: weekday, minuteOfDay: clock.secondOfDay / 60)
    }
}
