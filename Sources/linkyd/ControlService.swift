import Controller
import Display
import Foundation
import HAL
import LinuxIO
import Logging
import ServiceLifecycle
import TIC
import UnixSignals

/// `linkyd run` as a swift-service-lifecycle `Service`: reads every meter concurrently into the
/// ``ControlLoop``, ticks it, reloads on SIGHUP, tells systemd (READY, WATCHDOG, RELOADING, STOPPING),
/// and on graceful shutdown (SIGTERM, SIGINT) drives every output to its fail-safe state before
/// returning.
struct ControlService: Service {
    let loop: ControlLoop
    /// One event stream per meter name (production: `SerialReader`; tests: their own streams).
    let sources: [String: AsyncStream<SerialReader.Event>]
    let rulesPath: String
    let notifier: SystemdNotifier
    let logger: Logger
    let clock = ContinuousClock()
    let origin: ContinuousClock.Instant
    var tickInterval: Duration = .seconds(1)
    /// The OLED, when the rules file has a `display:` section.
    var oled: OLED?

    /// A panel and how to draw on it.
    struct OLED: Sendable {
        let panel: OLEDPanel<I2CDevice>
        let settings: DisplaySettings
        let size: PanelSize
        /// At most a few updates per second (only changed pages are sent).
        var interval: Duration = .milliseconds(500)
    }

    func run() async throws {
        let readiness = Readiness(meters: Set(sources.keys))
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for (meter, events) in sources {
                    group.addTask { await read(meter, events, readiness) }
                }
                group.addTask { await tick() }
                if let oled { group.addTask { await show(on: oled) } }
                group.addTask { await reloadOnHangUp() }
                group.addTask {
                    await readiness.waitUntilEveryMeterHasOpenedOrFailed()
                    let summary = await status()
                    notifier.notify("READY=1", "STATUS=\(summary)")
                    logger.notice("linkyd ready: \(summary)")
                }
                await group.waitForAll()
            }
        }
        notifier.notify("STOPPING=1", "STATUS=driving outputs to their fail-safe states")
        await loop.stop(at: elapsed)
        oled?.panel.shutdown()
    }

    /// Draws the status on the OLED. A missing or failing panel never stops the controller: the
    /// panel logs once and retries with backoff.
    private func show(on oled: OLED) async {
        while !Task.isCancelled {
            let snapshot = await loop.snapshot
            let local = LocalTime.now
            let status = DisplayStatus(rules: snapshot.rules, readings: snapshot.readings, decision: snapshot.decision,
                                       reloadError: snapshot.reloadError, now: elapsed, local: local)
            let frame = Dashboard.render(status, size: oled.size, settings: oled.settings, cycle: RenderCycle(elapsed: elapsed))
            oled.panel.show(frame, settings: oled.settings, localTime: status.localTime, at: clock.now)
            try? await Task.sleep(for: oled.interval)
        }
    }

    private var elapsed: Duration { clock.now - origin }

    private func read(_ meter: String, _ events: AsyncStream<SerialReader.Event>, _ readiness: Readiness) async {
        for await event in events {
            switch event {
            case .bytes(let bytes):
                await loop.received(bytes, from: meter, at: elapsed)
                continue
            case .opened, .openFailed:
                await readiness.report(meter)
            default:
                break
            }
            switch event {
            case .disconnected, .openFailed: logger.error("meter '\(meter)': \(event.message)")
            case .silence, .modeLost: logger.warning("meter '\(meter)': \(event.message)")
            default: logger.notice("meter '\(meter)': \(event.message)")
            }
        }
    }

    /// Evaluates on the clock and pings the watchdog only while the loop answers.
    private func tick() async {
        var lastPing = clock.now
        while !Task.isCancelled {
            await loop.tick(at: elapsed, local: .now)
            if let interval = notifier.watchdogInterval, clock.now - lastPing >= interval / 2 {
                notifier.notify("WATCHDOG=1")
                lastPing = clock.now
            }
            try? await Task.sleep(for: tickInterval)
        }
    }

    private func reloadOnHangUp() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            notifier.notify("RELOADING=1", SystemdNotifier.monotonicMicroseconds)
            await reload()
            let summary = await status()
            notifier.notify("READY=1", "STATUS=\(summary)")
        }
    }

    /// Reads and compiles the rules file again; any problem keeps the old rules in force.
    func reload() async {
        guard let data = FileManager.default.contents(atPath: rulesPath),
              let source = String(data: data, encoding: .utf8) else {
            await loop.reloadFailed("\(rulesPath): cannot read the file")
            return
        }
        let compilation = RulesCompiler.compile(source: source, file: rulesPath)
        for line in compilation.diagnostics.oneLines { logger.warning("\(line)") }
        guard let rules = compilation.ruleSet else {
            await loop.reloadFailed("\(rulesPath): \(compilation.diagnostics.summary); the old rules stay in force")
            return
        }
        await loop.reload(rules, at: elapsed)
    }

    private func status() async -> String {
        guard let decision = await loop.decision else { return "starting" }
        return decision.outputs.map { "\($0.name) \($0.state)" }.joined(separator: ", ")
    }
}

/// Readiness for systemd: every meter has had its first open attempt (a missing dongle must not keep
/// the outputs' service from starting: it is retried and reported).
actor Readiness {
    private var waiting: Set<String>
    private var continuations: [CheckedContinuation<Void, Never>] = []

    init(meters: Set<String>) { waiting = meters }

    func report(_ meter: String) {
        waiting.remove(meter)
        guard waiting.isEmpty else { return }
        continuations.forEach { $0.resume() }
        continuations = []
    }

    func waitUntilEveryMeterHasOpenedOrFailed() async {
        if waiting.isEmpty { return }
        await withCheckedContinuation { continuations.append($0) }
    }
}

extension LocalTime {
    /// The system's local time now (the Pi keeps it with NTP).
    static var now: LocalTime {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let weekday = Weekday(isoNumber: parts.tm_wday == 0 ? 7 : Int(parts.tm_wday)) ?? .monday
        return LocalTime(weekday: weekday, hour: Int(parts.tm_hour), minute: Int(parts.tm_min))
    }
}
