import Foundation
import HAL
import Testing
import TIC
@testable import Controller

/// The pure core: bytes, ticks, reloads and line reports in; events and status out.
struct ControllerCoreTests {
    static let header = """
    meters:
      main: { port: /dev/ttyAMA0, mode: historic }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on }
    rules:
      - { name: tomorrow red, when: { tempo-tomorrow: red }, then: { led: on } }
      - { name: blue off-peak, when: { period: hc-blue }, then: { heater: off } }

    """

    static func rules(_ text: String = header) throws -> RuleSet {
        let compilation = RulesCompiler.compile(source: text, file: "core.yaml")
        return try #require(compilation.ruleSet, "\(compilation.diagnostics.oneLines)")
    }

    static let monday = LocalTime(weekday: .monday, hour: 12, minute: 0)

    static let capture: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TICTests/Fixtures/pyteleinfo__historic_mono_tempo__captured_frames.bin")
        return CaptureFile.stream(from: (try? Array(Data(contentsOf: url))) ?? [])
    }()

    static func frame(_ groups: [(String, String)]) -> [UInt8] {
        TICEncoder.encodeFrame(groups.map { Group(mode: .historic, label: Label($0.0) ?? "X", data: $0.1) })
    }

    @Test func aRealCaptureGivesSwitchesStateChangesAndStatistics() throws {
        var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        core.receive(Self.capture, from: 0, at: .seconds(1), into: &events)
        let switches = events.compactMap { if case .switched(let change) = $0.kind { change } else { nil } }
        #expect(switches.map(\.output) == ["heater", "led"])          // PTEC comes before DEMAIN
        #expect(switches.map(\.reason) == [.rule("blue off-peak"), .rule("tomorrow red")])
        let frameEnds = events.filter { if case .meterChanged(_, _, .complete) = $0.kind { true } else { false } }
        #expect(frameEnds.count == core.statistics(of: 0).frames)
        // Statistics once per receive call that ended a frame, with the decoder's counts.
        let statistics = events.compactMap { if case .statistics(_, let s) = $0.kind { s } else { nil } }
        #expect(statistics.last == core.statistics(of: 0))
        // Unchanged values do not repeat meterChanged: fewer group-level changes than groups.
        let groupChanges = events.filter { if case .valueChanged = $0.kind { true } else { false } }.count
        #expect(groupChanges > 5 && groupChanges < core.statistics(of: 0).groupsAccepted)
        let status = core.status
        #expect(status.meters[0].lastValidGroup == .seconds(1))
        #expect(status.meters[0].received[.ptec] == .seconds(1))
        #expect(status.meters[0].received[.east] == nil)
        #expect(status.outputs.map(\.state) == [.on, .off])
    }

    @Test func signalLossAndReturnAreEventsAndFailsafe() throws {
        var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        core.receive(Self.capture, from: 0, at: .seconds(1), into: &events)
        events.removeAll()
        core.tick(at: .seconds(31), local: Self.monday, into: &events)
        #expect(events.isEmpty)                                       // 30 s: not yet (strictly more)
        core.tick(at: .seconds(32), local: Self.monday, into: &events)
        #expect(events.contains { if case .meterLost("main") = $0.kind { true } else { false } })
        #expect(core.status.meters[0].signalLost)
        #expect(core.status.outputs.allSatisfy { $0.reason == .failsafe(.signalLost(meter: "main")) })
        events.removeAll()
        core.receive(Self.capture, from: 0, at: .seconds(33), into: &events)
        #expect(events.contains { if case .meterBack("main") = $0.kind { true } else { false } })
        #expect(!core.status.meters[0].signalLost)
    }

    @Test func anotherMeterOnTheLineIsAReset() throws {
        var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        core.receive(Self.frame([("ADCO", "021861348497"), ("PAPP", "01200")]), from: 0, at: .seconds(1), into: &events)
        #expect(!events.contains { if case .meterReset = $0.kind { true } else { false } })
        events.removeAll()
        core.receive(Self.frame([("ADCO", "031861348411"), ("PAPP", "00900")]), from: 0, at: .seconds(2), into: &events)
        let resets = events.compactMap { if case .meterReset(_, let from, let to) = $0.kind { (from, to) } else { nil } }
        #expect(resets.count == 1)
        #expect(resets.first?.0.address == "021861348497" && resets.first?.1.address == "031861348411")
        #expect(core.status.meters[0].state.apparentPower == VoltAmperes(900))
    }

    @Test func reloadAppliesRulesAndRefusesWhatNeedsARestart() throws {
        var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        // Rules change: applied.
        let changed = Self.header.replacingOccurrences(of: "tempo-tomorrow: red", with: "tempo-tomorrow: [white, red]")
        #expect(core.reload(try Self.rules(changed), at: .seconds(1), into: &events))
        #expect(events.contains { if case .reloaded = $0.kind { true } else { false } })
        // Mode, parity, port, wiring: refused, old rules kept, nothing half-applied.
        for edit in [("mode: historic", "mode: standard"), ("mode: historic", "mode: historic, parity: 8n1"),
                     ("/dev/ttyAMA0", "/dev/ttyUSB0"), ("line: 25", "line: 24"),
                     ("rules:\n", "history: { path: /tmp/elsewhere.sqlite }\nrules:\n"),
                     ("rules:\n", "web: { listen: 127.0.0.1:9999 }\nrules:\n")] {
            events.removeAll()
            let text = changed.replacingOccurrences(of: edit.0, with: edit.1)
            #expect(!core.reload(try Self.rules(text), at: .seconds(2), into: &events), "\(edit)")
            #expect(core.status.reloadError?.contains("restart linkyd") == true)
            #expect(core.rules.meters[0].mode == .historic && core.rules.meters[0].parity == nil)
            #expect(core.rules.outputs[0].gpio.line == .offset(25))
        }
    }

    /// Sections that move to other lines (a rule added above them) are not "changed".
    @Test func aReloadThatOnlyMovesSectionsIsApplied() throws {
        let base = Self.header + "web: { listen: 127.0.0.1:8080 }\nhistory: { path: /tmp/h.sqlite }\ndisplay: { contrast: 50% }\n"
        var core = ControllerCore(rules: try Self.rules(base), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        let moved = base.replacingOccurrences(of: "rules:\n", with: "rules:\n  - { name: extra, when: { ejp-peak: true }, then: { led: on } }\n")
        #expect(core.reload(try Self.rules(moved), at: .seconds(1), into: &events))
        #expect(core.rules.rules.count == 3)
    }

    @Test func theDisplaySectionReloadsLiveButItsHardwareNeedsARestart() throws {
        let base = Self.header + "display: { contrast: 50% }\n"
        var core = ControllerCore(rules: try Self.rules(base), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        #expect(core.reload(try Self.rules(Self.header + "display: { contrast: 10% }\n"), at: .seconds(1), into: &events))
        #expect(core.rules.display?.contrast == 25)   // 10 % of 255, rounded down
        #expect(!core.reload(try Self.rules(Self.header + "display: { address: 0x3D }\n"), at: .seconds(2), into: &events))
        #expect(core.rules.display?.address == .ssd1306)
    }

    @Test func lineFailuresAreReportedOnceAndRecoveries() throws {
        var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        let error = HardwareError(.busy, device: "gpiochip0 line 25", detail: "busy", hint: "")
        core.lineFailed("led", error: error, at: .seconds(1), into: &events)
        core.lineFailed("led", error: error, at: .seconds(2), into: &events)
        #expect(events.count == 1)
        #expect(core.status.failingLines["led"] != nil && core.lineIsFailing("led"))
        core.lineWorks("led", at: .seconds(3), into: &events)
        #expect(events.count == 2 && !core.hasFailingLines)
    }

    @Test func stopDrivesFailsafeThenIgnoresEverything() throws {
        var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
        var events: [ControllerEvent] = []
        core.receive(Self.capture, from: 0, at: .seconds(1), into: &events)
        events.removeAll()
        core.stop(at: .seconds(2), into: &events)
        let switches = events.compactMap { if case .switched(let change) = $0.kind { change } else { nil } }
        #expect(switches.map(\.output) == ["led", "heater"])
        #expect(switches.allSatisfy { $0.reason == .failsafe(.stopping) })
        if case .stopped = events.last?.kind {} else { Issue.record("the last event is not .stopped") }
        events.removeAll()
        core.receive(Self.capture, from: 0, at: .seconds(3), into: &events)
        core.tick(at: .seconds(4), local: Self.monday, into: &events)
        #expect(events.isEmpty)
        #expect(core.status.stopped)
    }

    /// The same events whatever the chunking: the core hands each group out as it ends.
    @Test func eventsDoNotDependOnChunking() throws {
        func run(_ size: Int) throws -> [String] {
            var core = ControllerCore(rules: try Self.rules(), at: .zero, local: Self.monday)
            var events: [ControllerEvent] = []
            var offset = 0
            while offset < Self.capture.count {
                let end = min(offset + size, Self.capture.count)
                core.receive(Array(Self.capture[offset..<end]), from: 0, at: .seconds(1), into: &events)
                offset = end
            }
            return events.map { event -> String in
                switch event.kind {
                case .switched(let change): "\(change)"
                case .meterChanged(_, let state, let end): "changed \(state.apparentPower?.value ?? -1) \(end.rawValue)"
                case .valueChanged(_, let label): "value \(label.map { "\($0)" } ?? "-")"
                case .statistics: ""
                default: "\(event.kind)"
                }
            }.filter { !$0.isEmpty }
        }
        let whole = try run(Self.capture.count)
        #expect(whole.count > 20)
        for size in [1, 7, 64, 333] { #expect(try run(size) == whole, "chunks of \(size)") }
    }
}
