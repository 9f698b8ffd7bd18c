import Controller
import Daemon
import Foundation
import HAL
import HALTesting
import LinuxIO
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing
import TIC

/// The daemon's controller and services on a manual clock, with spy lines.
struct LiveControllerTests {
    static let rulesText = """
    meters:
      main: { port: /dev/null, mode: historic }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on }
    rules:
      - { name: tomorrow red, when: { tempo-tomorrow: red }, then: { led: on } }
      - { name: blue off-peak, when: { period: hc-blue }, then: { heater: off } }

    """

    static let capture: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TICTests/Fixtures/pyteleinfo__historic_mono_tempo__captured_frames.bin")
        return (try? Array(Data(contentsOf: url))) ?? []
    }()

    struct Harness {
        let log: DriveLog
        let clock: ManualClock
        let controller: LiveController<ManualClock>
        let rulesPath: String
    }

    static func harness(lines: [String: any OutputLine]? = nil) throws -> Harness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-\(UUID()).yaml").path
        try rulesText.write(toFile: path, atomically: true, encoding: .utf8)
        let rules = try #require(RulesCompiler.compile(source: rulesText, file: path).ruleSet)
        let log = DriveLog()
        let clock = ManualClock()
        let controller = LiveController(
            rules: rules,
            lines: lines ?? ["led": OutputLineSpy(name: "led", log: log), "heater": OutputLineSpy(name: "heater", log: log)],
            clock: clock, localTime: { LocalTime(weekday: .monday, hour: 12, minute: 0) })
        return Harness(log: log, clock: clock, controller: controller, rulesPath: path)
    }

    static func feed(_ controller: LiveController<ManualClock>, _ bytes: some Collection<UInt8>) {
        _ = Array(bytes).withUnsafeBytes { controller.receive($0, from: 0) }
    }

    /// An observer that never reads, and one blocked inside its handling: the line is driven before
    /// `receive` returns all the same, and the stuck one is later told what it missed.
    @Test func aBlockedObserverDoesNotDelayASwitch() async throws {
        let h = try Self.harness()
        let neverRead = h.controller.broadcaster.subscribe(capacity: 16)
        let gate = Mutex(false)
        let blocked = h.controller.broadcaster.subscribe(capacity: 16)
        let observer = Task {
            var deliveries: [EventSubscription.Delivery] = []
            for await delivery in blocked {
                deliveries.append(delivery)
                while !gate.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }   // stuck
            }
            return deliveries
        }
        try await Task.sleep(for: .milliseconds(20))
        for chunk in stride(from: 0, to: Self.capture.count, by: 50) {
            Self.feed(h.controller, Self.capture[chunk..<min(chunk + 50, Self.capture.count)])
        }
        // Synchronous: both switches were driven inside receive(), while the observers were stuck.
        #expect(h.log.drives.map(\.line) == ["heater", "led"])
        gate.withLock { $0 = true }
        h.controller.stop()
        h.controller.broadcaster.finish()
        let deliveries = await observer.value
        #expect(deliveries.contains { if case .missed(let count) = $0 { count > 0 } else { false } })
        neverRead.cancel()
    }

    /// The status is built when read (``EventBroadcaster/setStatusSource(_:)``), so it always shows the
    /// latest power, mid-frame too, and costs the control path nothing when no one reads it. Status
    /// waiters are woken at every new power only while someone shows live values (the web page's
    /// feed, the OLED's token); otherwise at frame ends, switches and ticks.
    @Test func liveStatusesOnlyWhileSomeoneFollowsThem() throws {
        func frame(power: Int) -> [UInt8] {
            TICEncoder.encodeFrame([("ADCO", "021528603314"), ("OPTARIF", "BASE"), ("ISOUSC", "30"), ("BASE", "001234567"),
                                    ("PTEC", "TH.."), ("IINST", "005"), ("IMAX", "090"), ("PAPP", String(format: "%05d", power)),
                                    ("HHPHC", "A"), ("MOTDETAT", "000000")].map { Group(mode: .historic, label: Label($0.0) ?? "X", data: $0.1) })
        }
        /// Frame 1 whole, then frame 2 up to the CR of its PAPP group: the power the status shows then.
        func powerShownMidFrame(follow: Bool) throws -> Int? {
            let h = try Self.harness()
            let events = h.controller.broadcaster.subscribe()
            defer { events.cancel() }
            let following = follow ? h.controller.broadcaster.followLiveStatus() : nil
            Self.feed(h.controller, frame(power: 1200))
            let second = frame(power: 2400)
            let papp = try #require(second.indices.first { second[$0...].starts(with: Array("PAPP".utf8)) })
            let cr = try #require(second[papp...].firstIndex(of: 0x0D))
            Self.feed(h.controller, second[...cr])
            withExtendedLifetime(following) {}
            return h.controller.broadcaster.status?.meters[0].state.apparentPower?.value
        }
        #expect(try powerShownMidFrame(follow: true) == 2400)
        #expect(try powerShownMidFrame(follow: false) == 2400)
        // A token follows while it lives; following statuses (readiness, the web feed) does not.
        let h = try Self.harness()
        var token: LiveStatusFollowing? = h.controller.broadcaster.followLiveStatus()
        #expect(h.controller.broadcaster.wantsLiveStatus)
        token = nil
        #expect(!h.controller.broadcaster.wantsLiveStatus && token == nil)
        _ = h.controller.broadcaster.statusUpdates().makeAsyncIterator()
        #expect(!h.controller.broadcaster.wantsLiveStatus)
    }

    @Test func aFailingLineIsReportedAndRetriedAtTheNextTick() throws {
        let led = OutputLineSpy(name: "led")
        led.failure = HardwareError(.busy, device: "gpiochip0 line 25", detail: "busy", hint: "")
        let h = try Self.harness(lines: ["led": led, "heater": OutputLineSpy(name: "heater")])
        Self.feed(h.controller, Self.capture.prefix(400))
        #expect(led.drives.isEmpty)
        #expect(h.controller.status.failingLines["led"] != nil)
        led.failure = nil
        h.clock.advance(by: .seconds(1))
        h.controller.tick()
        #expect(led.drives.map(\.state) == [.on])
        #expect(h.controller.status.failingLines.isEmpty)
    }

    /// The controller service ticks on its clock (signal loss after the timeout, on manual time) and
    /// drives every output to its fail-safe state on graceful shutdown.
    @Test func theControllerServiceTicksAndEndsInFailsafe() async throws {
        let h = try Self.harness()
        let service = ControllerService(controller: h.controller, clock: h.clock)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await service.run() }
                Self.feed(h.controller, Self.capture.prefix(400))
                #expect(h.log.drives.map(\.state) == [.off, .on])
                for _ in 0..<32 {
                    while h.clock.sleeperCount == 0 { await Task.yield() }
                    h.clock.advance(by: .seconds(1))
                }
                while h.controller.lastTickTime != .seconds(32) { await Task.yield() }
                #expect(h.controller.status.meters[0].signalLost)
                #expect(h.log.drives.suffix(2).map(\.state) == [.off, .on])   // fail-safe: signal lost
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(h.controller.isStopped)
        #expect(h.controller.status.outputs.allSatisfy { $0.reason == .failsafe(.stopping) })
    }

    @Test func reloadWithAnInvalidFileKeepsTheOldRules() async throws {
        let h = try Self.harness()
        let reload = ReloadService(controller: h.controller, rulesPath: h.rulesPath, signals: SignalInbox(),
                                   notifier: SystemdNotifier(), logger: Logger(label: "test"))
        try (Self.rulesText + "  - { name: broken, when: { period: hp-rouge }, then: { led: on } }\n")
            .write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
        reload.reload()
        #expect(h.controller.status.reloadError?.contains("1 error") == true)
        #expect(h.controller.rules.rules.count == 2)
        try Self.rulesText.replacingOccurrences(of: "tempo-tomorrow: red", with: "tempo-tomorrow: [white, red]")
            .write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
        reload.reload()
        #expect(h.controller.status.reloadError == nil)
        #expect(h.controller.rules.rules.first?.condition == .meter(.tempoTomorrow([.white, .red]), meter: "main"))
        // Rewiring, or a meter's mode: refused with "restart linkyd".
        for (old, new) in [("line: 25", "line: 24"), ("mode: historic", "mode: standard")] {
            try Self.rulesText.replacingOccurrences(of: old, with: new).write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
            reload.reload()
            #expect(h.controller.status.reloadError?.contains("restart linkyd") == true)
        }
        #expect(h.controller.rules.outputs.first?.gpio.line == .offset(25))
        #expect(h.controller.rules.meters.first?.mode == .historic)
    }

    /// SIGHUP through the inbox: the reload service reloads, and a signal that came before it started
    /// is not lost.
    @Test func aHangUpBeforeTheServiceStartsStillReloads() async throws {
        let h = try Self.harness()
        let signals = SignalInbox()
        try Self.rulesText.replacingOccurrences(of: "tempo-tomorrow: red", with: "tempo-tomorrow: white")
            .write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
        signals.deliver(.hangUp)
        let reload = ReloadService(controller: h.controller, rulesPath: h.rulesPath, signals: signals,
                                   notifier: SystemdNotifier(), logger: Logger(label: "test"))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await reload.run() }
                for _ in 0..<500 where h.controller.rules.rules.first?.condition != .meter(.tempoTomorrow([.white]), meter: "main") {
                    try await Task.sleep(for: .milliseconds(2))
                }
                #expect(h.controller.rules.rules.first?.condition == .meter(.tempoTomorrow([.white]), meter: "main"))
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}
