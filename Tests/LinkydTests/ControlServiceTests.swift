import Controller
import Foundation
import HAL
import HALTesting
import LinuxIO
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import TIC
@testable import linkyd

/// The daemon's service with its real loop, fed by in-memory meter streams and spy lines.
struct ControlServiceTests {
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

    struct Harness {
        let log: DriveLog
        let service: ControlService
        let loop: ControlLoop
        let feed: AsyncStream<SerialReader.Event>.Continuation
        let rulesPath: String
    }

    static func harness() throws -> Harness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-\(UUID()).yaml").path
        try rulesText.write(toFile: path, atomically: true, encoding: .utf8)
        let rules = try #require(RulesCompiler.compile(source: rulesText, file: path).ruleSet)
        let log = DriveLog()
        let lines: [String: any OutputLine] = [
            "led": OutputLineSpy(name: "led", log: log), "heater": OutputLineSpy(name: "heater", log: log),
        ]
        let logger = Logger(label: "test")
        let loop = ControlLoop(rules: rules, lines: lines, logger: logger, at: .zero, local: .now)
        let (stream, continuation) = AsyncStream<SerialReader.Event>.makeStream()
        let service = ControlService(loop: loop, sources: ["main": stream], rulesPath: path,
                                     notifier: SystemdNotifier(), logger: logger, origin: ContinuousClock().now)
        return Harness(log: log, service: service, loop: loop, feed: continuation, rulesPath: path)
    }

    static let capture: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TICTests/Fixtures/pyteleinfo__historic_mono_tempo__captured_frames.bin")
        return (try? Array(Data(contentsOf: url))) ?? []
    }()

    /// Waits (bounded) until `condition` holds.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<200 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func drivesLinesFromTheStreamAndFailsafeOnShutdown() async throws {
        let h = try Self.harness()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await h.service.run() }
                h.feed.yield(.opened(device: "/dev/null", mode: .historic))
                h.feed.yield(.bytes(Array(Self.capture.prefix(400))))
                #expect(await Self.eventually { h.log.drives.count == 2 })
                #expect(h.log.drives.map(\.line) == ["heater", "led"])      // PTEC comes before DEMAIN
                #expect(h.log.drives.map(\.state) == [.inactive, .active])
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        // Fail-safe: led off, heater on, after the rule-driven drives.
        #expect(h.log.drives.suffix(2).map(\.line) == ["led", "heater"])
        #expect(h.log.drives.suffix(2).map(\.state) == [.inactive, .active])
        let statuses = try #require(await h.loop.decision?.outputs)
        #expect(statuses.allSatisfy { $0.reason == .failsafe(.stopping) })
    }

    @Test func reloadWithAnInvalidFileKeepsTheOldRules() async throws {
        let h = try Self.harness()
        try (Self.rulesText + "  - { name: broken, when: { period: hp-rouge }, then: { led: on } }\n")
            .write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
        await h.service.reload()
        #expect(await h.loop.reloadError?.contains("1 error") == true)
        #expect(await h.loop.rules.rules.count == 2)
        // A valid file is taken, and clears the error.
        try Self.rulesText.replacingOccurrences(of: "tomorrow red, when: { tempo-tomorrow: red }", with: "tomorrow red, when: { tempo-tomorrow: [white, red] }")
            .write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
        await h.service.reload()
        #expect(await h.loop.reloadError == nil)
        #expect(await h.loop.rules.rules.first?.condition == .meter(.tempoTomorrow([.white, .red]), meter: "main"))
    }

    @Test func reloadThatRewiresOutputsIsRefused() async throws {
        let h = try Self.harness()
        try Self.rulesText.replacingOccurrences(of: "line: 25", with: "line: 24")
            .write(toFile: h.rulesPath, atomically: true, encoding: .utf8)
        await h.service.reload()
        #expect(await h.loop.reloadError?.contains("restart linkyd") == true)
        #expect(await h.loop.rules.outputs.first?.gpio.line == .offset(25))
    }

    @Test func aFailingLineIsLoggedAndRetried() async throws {
        let rules = try #require(RulesCompiler.compile(source: Self.rulesText, file: "r.yaml").ruleSet)
        let led = OutputLineSpy(name: "led")
        led.failure = HardwareError(.busy, device: "gpiochip0 line 25", detail: "busy", hint: "")
        let loop = ControlLoop(rules: rules, lines: ["led": led, "heater": OutputLineSpy(name: "heater")],
                               logger: Logger(label: "test"), at: .zero, local: .now)
        await loop.received(Array(Self.capture.prefix(400)), from: "main", at: .seconds(1))
        #expect(led.drives.isEmpty)
        led.failure = nil
        await loop.tick(at: .seconds(2), local: .now)
        #expect(led.drives.map(\.state) == [.active])
    }
}
