import Foundation
import HALTesting

extension Process {
    /// `run()` with no signal blocked in the child: a child inherits the spawning thread's mask, and
    /// the test runner's threads block SIGTERM/SIGALRM (a mosquitto or mosquitto_sub started from them
    /// would ignore `terminate()` and its own `-W` timer). The mask is restored at once.
    func runUnblocked() throws {
        var empty = sigset_t(), saved = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try run()
    }
}

/// The real `linkyd run --dry-run --rules FILE` of an exporter test, its output in `linkyd.log` under
/// `directory`; SIGKILLed (if still running) when the test lets go of it.
final class LinkydRun {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("linkyd").path
    let process = Process()
    private let logFile: URL

    init(rulesFile: String, logIn directory: URL) throws {
        logFile = directory.appendingPathComponent("linkyd.log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["run", "--rules", rulesFile, "--dry-run"]
        process.standardOutput = handle
        process.standardError = handle
        try process.runUnblocked()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Writes `directory`/rules.yaml for an exporter test: the fed historic meter on `meter`, one output
    /// and one rule, then `rest` (history, web, the exporter's section). Returns its path.
    static func writeRules(meter: PseudoTerminal, in directory: URL, _ rest: String) throws -> String {
        let path = directory.appendingPathComponent("rules.yaml").path
        try """
        meters:
          main: { port: \(meter.slavePath), mode: historic }
        outputs:
          heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: off }
        rules:
          - { name: red, when: { period: hp-red }, then: { heater: off } }

        """.appending(rest).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What it logged so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The file names of the shared objects the running process maps (/proc/PID/maps).
    var mappedLibraries: Set<String> {
        // Read to the end (a /proc file reports size 0: a sized read would stop at the first page).
        let data = FileHandle(forReadingAtPath: "/proc/\(process.processIdentifier)/maps")?.readDataToEndOfFile() ?? Data()
        let maps = String(decoding: data, as: UTF8.self)
        return Set(maps.split(separator: "\n").compactMap { line in
            guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last, path.hasPrefix("/"),
                  path.contains(".so") else { return nil }
            return String(path.split(separator: "/").last ?? "")
        })
    }

    /// Sends `signal` and waits for the exit.
    func stop(_ signal: Int32 = SIGTERM) {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}
