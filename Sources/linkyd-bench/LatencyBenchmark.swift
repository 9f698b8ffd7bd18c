import Controller
import Daemon
import Foundation
import HAL
import History
import Logging
import Synchronization
import TIC

/// Decision latency, in process: from handing the control loop the chunk whose last byte is the CR
/// of a deciding group to the output line being driven. Frames alternate between a blue off-peak and
/// a red peak period, and a rule switches the water heater off in red peak hours, so every frame's
/// PTEC group decides a switch.
enum LatencyBenchmark {
    static let rules = """
    meters:
      main: { port: /dev/ttyAMA0, mode: historic }
    outputs:
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on }
    rules:
      - { name: red peak, when: { period: hp-red }, then: { heater: off } }
    """

    /// Records when it was driven.
    final class TimingLine: OutputLine {
        let name = "heater"
        let clock = ContinuousClock()
        let driven = Mutex<ContinuousClock.Instant?>(nil)
        func drive(_ state: LineState) throws(HardwareError) {
            let now = clock.now
            driven.withLock { $0 = now }
        }
    }

    static func frame(period: String) -> [UInt8] {
        let groups = [("ADCO", "021861348497"), ("OPTARIF", "BBR("), ("ISOUSC", "30"), ("BBRHCJB", "018328856"),
                      ("PTEC", period), ("DEMAIN", "----"), ("IINST", "012"), ("PAPP", "02830"), ("HHPHC", "A")]
        return TICEncoder.encodeFrame(groups.map { Group(mode: .historic, label: Label($0.0) ?? "X", data: $0.1) })
    }

    /// `historyPath`: with the history recording every frame to that database meanwhile (a
    /// `HistoryService` subscribed as in `linkyd run`, committing every 50 ms so that several SQLite
    /// transactions fall inside the measurement), to show the recorder never delays a decision.
    static func run(historyPath: String? = nil) async {
        guard let ruleSet = RulesCompiler.compile(source: rules, file: "bench.yaml").ruleSet else {
            print("latency: the benchmark's rules do not compile")
            return
        }
        let line = TimingLine()
        // The daemon's controller, with an observer subscribed that never reads (it must not matter).
        let controller = LiveController(rules: ruleSet, lines: ["heater": line], clock: ContinuousClock(),
                                        localTime: { LocalTime(weekday: .monday, hour: 12, minute: 0) })
        let stuck = controller.broadcaster.subscribe(capacity: 64)
        var recorder: Task<Void, Never>?
        if let historyPath {
            try? FileManager.default.removeItem(atPath: historyPath)
            var logger = Logger(label: "linkyd-bench")
            logger.logLevel = .error
            let service = HistoryService(broadcaster: controller.broadcaster,
                                         config: HistoryConfig(path: historyPath, commitEvery: .milliseconds(50)),
                                         meters: ["main"], logger: logger)
            recorder = Task { await service.run() }
        }
        let clock = ContinuousClock()
        var samples: [Duration] = []
        let iterations = 20_000
        for index in 0..<iterations {
            let bytes = frame(period: index % 2 == 0 ? "HPJR" : "HCJB")
            guard let ptec = bytes.firstRange(of: Array("PTEC ".utf8)),
                  let cr = bytes[ptec.upperBound...].firstIndex(of: ASCII.cr) else { return }
            _ = Array(bytes[...cr.advanced(by: -1)]).withUnsafeBytes { controller.receive($0, from: 0) }
            line.driven.withLock { $0 = nil }
            let start = clock.now
            _ = [ASCII.cr].withUnsafeBytes { controller.receive($0, from: 0) }
            guard let end = line.driven.withLock({ $0 }) else { continue }
            samples.append(end - start)
            _ = Array(bytes[(cr + 1)...]).withUnsafeBytes { controller.receive($0, from: 0) }
        }
        _ = stuck
        if let recorder, let historyPath {
            try? await Task.sleep(for: .milliseconds(300))
            recorder.cancel()
            let rows = (try? HistoryStore.open(path: historyPath, create: false).count("power_minute")) ?? 0
            let events = (try? HistoryStore.open(path: historyPath, create: false).count("event")) ?? 0
            print("with the history recording meanwhile (\(historyPath): \(rows) minute rows, \(events) events committed)")
        }
        samples.sort()
        func percentile(_ p: Double) -> String {
            guard !samples.isEmpty else { return "-" }
            let value = samples[min(samples.count - 1, Int(Double(samples.count) * p))]
            return String(format: "%.1f µs", Double(value.components.attoseconds) / 1e12 + Double(value.components.seconds) * 1e6)
        }
        print("decision latency (CR of the deciding group → line driven), \(samples.count) switches of \(iterations) frames:")
        print("  p50 \(percentile(0.5))   p99 \(percentile(0.99))   max \(percentile(1.0))")
    }
}
