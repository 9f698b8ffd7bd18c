import Foundation
import Testing
import TIC
@testable import linkyd

/// `linkyd decode --json` on real captures: the contract's keys, in order, with hand-checked values.
struct DecodeOutputTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("TICTests/Fixtures")

    private func decode(_ file: String, json: Bool = true, mode: TICMode? = nil) throws -> [String] {
        let data = try Data(contentsOf: DecodeOutputTests.fixtures.appendingPathComponent(file))
        var lines: [String] = []
        var printer = FramePrinter(json: json, expectedMode: mode, showRejected: false) { lines.append($0) }
        var decoder = FrameDecoder()
        decoder.push(CaptureFile.stream(from: Array(data)), into: &printer)
        decoder.finish(into: &printer)
        return lines
    }

    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func contractKeysComeFirstInOrder() throws {
        let line = try #require(try decode("pyteleinfo__historic_mono_tempo__captured_frames.bin").first)
        let keys = ["frame", "mode", "meter", "phases", "period", "tempo_today", "tempo_tomorrow", "ejp_notice",
                    "ejp_peak", "overpower", "relays", "apparent_power_va", "injected_power_va", "currents_a", "energy_total_wh"]
        let pattern = keys.map { "\"\($0)\":" }
        var position = line.startIndex
        for key in pattern {
            let found = try #require(line.range(of: key, range: position..<line.endIndex), "\(key) missing or out of order")
            position = found.upperBound
        }
    }

    @Test func historicTempoFrames() throws {
        let lines = try decode("pyteleinfo__historic_mono_tempo__captured_frames.bin")
        #expect(lines.count == 10)
        let first = try object(lines[0])
        #expect(first["frame"] as? Int == 0 && first["mode"] as? String == "historic")
        #expect(first["meter"] as? String == "021861348497" && first["phases"] as? Int == 1)
        #expect(first["period"] as? String == "hc-blue" && first["tempo_tomorrow"] as? String == "red")
        #expect(first["relays"] is NSNull && first["injected_power_va"] is NSNull)
        #expect(first["currents_a"] as? [Int] == [12])
        #expect(try object(lines[9])["frame"] as? Int == 9)
    }

    @Test func standardThreePhaseFrame() throws {
        let lines = try decode("teleinfo-nom__stream_standard_complete.txt")
        let frame = try object(try #require(lines.first))
        #expect(frame["mode"] as? String == "standard" && frame["phases"] as? Int == 3)
        #expect(frame["period"] as? String == "hc-white" && frame["tempo_today"] as? String == "white")
        #expect(frame["relays"] as? [Bool] == [true, false, false, false, false, false, false, false])
        #expect((frame["currents_a"] as? [Int])?.count == 3)
        #expect(frame["energy_total_wh"] as? Int == 21_849_106)
    }

    @Test func producerFrame() throws {
        let lines = try decode("teleinfo2mqtt__standard_mono_producer__standard.frames.log")
        let frame = try object(try #require(lines.first))
        #expect(frame["injected_power_va"] is Int && frame["period"] as? String == "hp")
    }

    @Test func forcedModeIgnoresTheOtherMode() throws {
        let lines = try decode("pyteleinfo__historic_mono_tempo__captured_frames.bin", mode: .standard)
        let frame = try object(try #require(lines.first))
        #expect(frame["meter"] is NSNull && frame["mode"] is NSNull)
    }

    @Test func readableSummary() throws {
        let line = try #require(try decode("pyteleinfo__historic_mono_tempo__captured_frames.bin", json: false).first)
        #expect(line.hasPrefix("#0  historic  021861348497  period hc-blue"))
    }

    // MARK: reading captures chunk by chunk

    /// `forEachCaptureChunk` hands out exactly the bytes `CaptureFile.stream` gives for the whole file.
    @Test func captureChunksGiveTheWholeFileBytes() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: DecodeOutputTests.fixtures.path)
            .filter { !$0.hasSuffix(".md") }.sorted()
        #expect(names.count > 10)
        for name in names {
            let path = DecodeOutputTests.fixtures.appendingPathComponent(name).path
            let whole = CaptureFile.stream(from: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            for size in [1, 7, 4096, 65536] {
                var streamed: [UInt8] = []
                try forEachCaptureChunk(path: path, chunkSize: size) { streamed += $0 }
                #expect(streamed == whole, "\(name), chunks of \(size)")
            }
        }
    }

    @Test func missingCaptureSaysWhatAndWhatToDo() throws {
        let path = "/nonexistent/linkyd-\(UUID()).cap"
        #expect {
            try forEachCaptureChunk(path: path) { _ in }
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("\(path): error: no such file") && text.contains("hint: ")
        }
    }

    // MARK: the built binary, with its output redirected

    /// The `linkyd` executable built next to the test bundle.
    static func linkydBinary() throws -> URL {
        let testBundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [
            testBundle.deletingLastPathComponent().appendingPathComponent("linkyd"),
            fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/linkyd"),
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "build linkyd first: swift build --build-tests")
    }

    /// Runs `linkyd ARGS` with standard output (and, if `mergeErrors`, standard error) written to a
    /// file, as `linkyd decode … > file` does: returns that file's lines and the exit status.
    static func run(_ arguments: [String], mergeErrors: Bool = false) throws -> (lines: [String], status: Int32) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-decode-\(UUID()).out")
        #expect(FileManager.default.createFile(atPath: output.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = try linkydBinary()
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = mergeErrors ? handle : FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        return (text.split(separator: "\n").map(String.init), process.terminationStatus)
    }

    /// `--stats` to a file: the statistics come after every frame line, never before or between.
    @Test(arguments: [false, true])
    func statisticsComeAfterTheFramesWhenRedirected(_ json: Bool) throws {
        let capture = DecodeOutputTests.fixtures.appendingPathComponent("ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin").path
        let (lines, status) = try DecodeOutputTests.run(["decode", "--stats"] + (json ? ["--json"] : []) + [capture], mergeErrors: json)
        #expect(status == 0)
        let isFrame: (String) -> Bool = { json ? $0.hasPrefix("{") : $0.hasPrefix("#") }
        let frames = lines.filter(isFrame)
        #expect(frames.count == 12)
        let lastFrame = try #require(lines.lastIndex(where: isFrame))
        let firstStatistic = try #require(lines.firstIndex { $0.hasPrefix("frames: ") })
        #expect(lastFrame < firstStatistic, "\(lines)")
        #expect(lines.last == "bytes: 10727")
    }
}

