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
    }
}
