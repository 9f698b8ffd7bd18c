import Controller
import Foundation
import History
import Testing
import TIC

/// `kill -9` during writes: the file reopens, `PRAGMA integrity_check` says ok, and every minute up
/// to the last commit is there (no hole: a transaction is all or nothing).
@Suite struct CrashTests {
    static let linkyd = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("linkyd").path

    /// `frames` historic frames back to back at wire speed, as a raw capture.
    static func capture(frames: Int, to url: URL) throws {
        var generator = SeededGenerator(seed: 3)
        var meter = SimulatedMeter(mode: .historic, phases: 1, contract: .offPeak, subscribedKVA: 9, baseLoad: [2000],
                                   clock: MeterClock(year: 2025, month: 3, day: 1), generator: &generator)
        var bytes: [UInt8] = []
        for _ in 0..<frames {
            let frame = TICEncoder.encodeFrame(meter.historicFrame())
            bytes += frame
            meter.advance(by: Int64(frame.count) * TICMode.historic.nanosecondsPerByte)
        }
        try Data(bytes).write(to: url)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: linkyd)))
    func killDuringWritesLeavesASoundFile() throws {
        let directory = try temporaryDirectory()
        let capture = directory.appendingPathComponent("capture.bin"), db = directory.appendingPathComponent("history.sqlite").path
        try Self.capture(frames: 60_000, to: capture)
        let rules = directory.appendingPathComponent("rules.yaml")
        try "meters:\n  main: { port: /dev/null, mode: historic }\nhistory:\n  commit-every: 1 min\n".write(to: rules, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.linkyd)
        process.arguments = ["simulate", "--rules", rules.path, "--record", db, "--start", "2025-03-01 00:00", capture.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until some commits are in, then kill while it writes.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning, ((try? HistoryStore.open(path: db, create: false).count("power_minute")) ?? 0) < 20 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(process.isRunning, "the replay ended before it could be killed: make the capture longer")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let store = try HistoryStore.open(path: db)
        #expect(try store.integrityCheck() == "ok")
        let samples = try store.power(from: CalendarDate(year: 2025, month: 2, day: 28), to: CalendarDate(year: 2025, month: 3, day: 2), step: .minute, calendar: paris)
        #expect(samples.count >= 20)
        // Every minute from the first to the last committed one: nothing torn out of the middle.
        if let first = samples.first?.time, let last = samples.last?.time {
            #expect(Int((last - first) / 60_000) + 1 == samples.count)
        }
        #expect(try store.count("energy_snapshot") >= 1)
        // And the history goes on after the crash: a new run continues the same series.
        #expect(try store.resumePoints(meters: ["main"]).lastSeries["main"] != nil)
    }
}
