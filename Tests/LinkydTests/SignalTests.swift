import Foundation
import HALTesting
import Testing

/// The real `linkyd run --dry-run` binary under signals, as systemd sends them: at any moment after
/// exec, a SIGHUP never kills it, and a SIGTERM always ends in the fail-safe states with status 0.
struct SignalTests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("linkyd").path

    static func rules(port: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-signals-\(UUID()).yaml").path
        try """
        meters:
          main: { port: \(port), mode: historic }
        outputs:
          heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: off }
        rules:
          - { name: red, when: { period: hp-red }, then: { heater: off } }
        history: { path: \(path).sqlite }
        web: { listen: off }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct Outcome {
        var status: Int32
        var reason: Process.TerminationReason
        var log: String
        var stopTime: Duration
    }

    /// Starts linkyd, sends `signals` (each after its delay), waits for the exit (at most 5 s).
    static func run(rules: String, _ signals: [(Duration, Int32)]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--rules", rules, "--dry-run"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let clock = ContinuousClock()
        var last = clock.now
        for (delay, signal) in signals {
            Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds))
            last = clock.now
            kill(process.processIdentifier, signal)
        }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let stopTime = clock.now - last
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Outcome(status: process.terminationStatus, reason: process.terminationReason, log: log, stopTime: stopTime)
    }

    @Test(arguments: [0, 1, 3, 10, 30, 100])
    func aHangUpRightAfterExecNeverKills(milliseconds: Int) throws {
        let rules = try Self.rules(port: "/dev/null-missing")
        let outcome = try Self.run(rules: rules, [(.milliseconds(milliseconds), SIGHUP), (.milliseconds(300), SIGTERM)])
        #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.log)")
        #expect(outcome.log.contains("outputs in their fail-safe states: heater off"), "\(outcome.log)")
    }

    /// SIGTERM at any moment: from the first microseconds (before the rules are read) to a port whose
    /// path is missing (being retried), always exit 0 within a second, fail-safe when lines were had.
    @Test(arguments: [0, 2, 5, 20, 50, 200, 800])
    func aTerminationAtAnyMomentEndsCleanly(milliseconds: Int) throws {
        let rules = try Self.rules(port: "/dev/null-missing")
        let outcome = try Self.run(rules: rules, [(.milliseconds(milliseconds), SIGTERM)])
        #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.log)")
        #expect(outcome.stopTime < .seconds(1))
        if outcome.log.contains("[dry-run]") || outcome.log.contains("ready") {
            #expect(outcome.log.contains("outputs in their fail-safe states: heater off"), "\(outcome.log)")
        }
    }

    /// A port that is open and silent: a pseudo terminal whose master never writes.
    @Test func aTerminationWhileThePortIsOpenAndSilent() throws {
        let pty = try PseudoTerminal()
        let rules = try Self.rules(port: pty.slavePath)
        let outcome = try Self.run(rules: rules, [(.milliseconds(400), SIGTERM)])
        #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.log)")
        #expect(outcome.stopTime < .seconds(1))
        #expect(outcome.log.contains("opened"), "\(outcome.log)")
        #expect(outcome.log.contains("outputs in their fail-safe states: heater off"), "\(outcome.log)")
        // The fail-safe switch is a decision like any other: its time is in the summary at the end.
        #expect(outcome.log.contains("decision latency (read → line driven) over 1 switches: p50"), "\(outcome.log)")
    }

    /// The nice values of a process's threads, from /proc/PID/task/*/stat (field 19; the name in
    /// parentheses may hold spaces: fields are counted after the last `)`).
    static func threadNiceValues(_ pid: Int32) -> [Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 16 ? Int(fields[16]) : nil
        }
    }

    /// Starts linkyd on an open, silent port (with `prefix` before it: a wrapper such as setpriv),
    /// waits for the port to open, returns the threads' nice values and the log.
    static func niceValuesWhileReading(prefix: [String]) throws -> (nice: [Int], log: String) {
        let pty = try PseudoTerminal()
        let rules = try Self.rules(port: pty.slavePath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix.isEmpty ? binary : "/usr/bin/env")
        process.arguments = prefix + (prefix.isEmpty ? [] : [binary]) + ["run", "--rules", rules, "--dry-run"]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-nice-\(UUID()).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if log.contains("opened") { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.1)
        let nice = threadNiceValues(process.processIdentifier)
        kill(process.processIdentifier, SIGTERM)
        let stopBy = Date().addingTimeInterval(5)
        while process.isRunning, Date() < stopBy { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? handle.close()
        log = (try? String(contentsOf: output, encoding: .utf8)) ?? log
        try? FileManager.default.removeItem(at: output)
        return (nice, log)
    }

    /// Whether this process may lower a nice value: CAP_SYS_NICE (bit 23) in its effective set (root in a
    /// container may lack it), or an RLIMIT_NICE that allows -10.
    static var mayRaisePriority: Bool {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let effective = status.split(separator: "\n").first { $0.hasPrefix("CapEff:") }
            .flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) } ?? 0
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(__RLIMIT_NICE.rawValue), &limit)
        return effective & (1 << 23) != 0 || limit.rlim_cur >= 30
    }

    /// This process's nice value (the child linkyd starts with it).
    static var ownNice: Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }

    /// Decisions are made on the meter's reader thread: it alone runs at nice -10 (the tests run as
    /// root, with CAP_SYS_NICE; the systemd unit gives the same with LimitNICE=-10). The others keep
    /// theirs (libdispatch gives its pool threads nice values by quality of service: -4, 0, 2…).
    @Test(.enabled(if: mayRaisePriority && ownNice > -10, "needs CAP_SYS_NICE or RLIMIT_NICE ≥ 30"))
    func theReaderThreadRunsAtNiceMinusTen() throws {
        let (nice, log) = try Self.niceValuesWhileReading(prefix: [])
        #expect(log.contains("opened"), "\(log)")
        #expect(nice.filter { $0 == -10 }.count == 1, "threads' nice values: \(nice)\n\(log)")
        #expect(!log.contains("reader thread left at nice"), "\(log)")
    }

    /// Without the right to (no CAP_SYS_NICE, RLIMIT_NICE 0) the reader keeps nice 0, says so once
    /// with what to do, and reads and decides all the same.
    @Test(.enabled(if: ownNice > -10 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func withoutTheRightTheReaderSaysSoAndReads() throws {
        let (nice, log) = try Self.niceValuesWhileReading(
            prefix: (geteuid() == 0 ? ["setpriv", "--bounding-set=-sys_nice", "--inh-caps=-sys_nice"] : []) + ["prlimit", "--nice=0", "--"])
        #expect(log.contains("opened"), "\(log)")
        #expect(nice.count > 1 && !nice.contains(-10), "threads' nice values: \(nice)")
        #expect(log.components(separatedBy: "reader thread left at nice \(Self.ownNice), not -10 (setpriority: Permission denied)").count == 2, "\(log)")
        #expect(log.contains("hint: the systemd unit allows it (LimitNICE=-10)"), "\(log)")
        #expect(log.contains("outputs in their fail-safe states: heater off"), "\(log)")
    }
}
