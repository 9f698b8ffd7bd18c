import Controller
import Daemon
import Foundation
import HAL
import TIC

/// The whole daemon path per frame, in process: serial-sized chunks → decode → evaluate after every
/// group → lines driven → events and status published, through the daemon's own `LiveController`
/// (with one subscribed observer that never reads). Run it under callgrind to count instructions:
///
///     valgrind --tool=callgrind .build/release/linkyd-bench --daemon-path FILE --frames N
///
/// and divide the total by the frames (subtract a `--frames 0` run for the set-up).
enum DaemonPathBenchmark {
    static let rules = """
    meters:
      main: { port: /dev/ttyAMA0 }
    outputs:
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on }
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
    rules:
      - { name: red peak, when: { period: [hp-red, hp-white] }, then: { heater: off } }
      - { name: warn, when: { any: [ { tempo-tomorrow: red }, { ejp-notice: true } ] }, then: { led: on } }
    shedding: { meter: main, limit: 95%, release: 80%, loads: [heater] }
    """

    struct NullLine: OutputLine {
        let name: String
        func drive(_ state: LineState) throws(HardwareError) {}
    }

    /// `hold`: as the serial reader does (``SerialReader/Options/coalescingWindow``), chunks are
    /// held until one holds a byte that can complete a group (``GroupEndScanner``) or they fill 256
    /// bytes, then handed over in one call up to that byte (the rest stays held).
    static func run(capture: [UInt8], frames wanted: Int, chunk: Int, hold: Bool = false) {
        guard let ruleSet = RulesCompiler.compile(source: rules, file: "bench.yaml").ruleSet else {
            print("daemon path: the benchmark's rules do not compile")
            return
        }
        let controller = LiveController(
            rules: ruleSet, lines: ["heater": NullLine(name: "heater"), "led": NullLine(name: "led")],
            clock: ContinuousClock(), localTime: { LocalTime(weekday: .monday, hour: 12, minute: 0) })
        let observer = controller.broadcaster.subscribe(capacity: 4096)
        var frames = 0
        var bytes = 0
        var calls = 0
        var scanner = GroupEndScanner()
        capture.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while frames < wanted {
                var offset = 0
                var heldFrom = 0
                while offset < raw.count, frames < wanted {
                    let end = min(offset + chunk, raw.count)
                    var cut = end
                    if hold {
                        let completion = scanner.completionEnd(UnsafeRawBufferPointer(start: base + offset, count: end - offset))
                        guard completion != nil || end - heldFrom >= 256 || end == raw.count else {
                            bytes += end - offset
                            offset = end
                            continue
                        }
                        cut = end == raw.count ? end : completion.map { offset + $0 } ?? end
                    } else {
                        heldFrom = offset
                    }
                    let statistics = controller.receive(UnsafeRawBufferPointer(start: base + heldFrom, count: cut - heldFrom), from: 0)
                    calls += 1
                    frames = statistics.frames
                    bytes += end - offset
                    offset = end
                    heldFrom = cut
                }
                if frames == 0 { break }
            }
        }
        observer.cancel()
        print("daemon path: \(frames) frames, \(bytes) bytes in reads of \(chunk)\(hold ? ", held until a group end" : ""), \(calls) calls")
    }
}
