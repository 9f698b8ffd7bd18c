// Decode throughput benchmark: full decoding (framing, checksum, field checks) into MeterState.
// Run: swift run -c release linkyd-bench [--seconds S] [--megabytes M] [FIXTURES_DIR]
// Streams are real captures (Tests/TICTests/Fixtures) repeated to about 64 MB.
import Foundation
import TIC

struct Stream {
    let name: String
    let files: [String]
}

let streams = [
    Stream(name: "historic mono (Tempo)", files: ["pyteleinfo__historic_mono_tempo__captured_frames.bin"]),
    Stream(name: "historic three-phase", files: ["ticdecodecpp__continuous_linky_3P_historical_TIC_sample.bin"]),
    Stream(name: "standard mono", files: ["ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin"]),
    Stream(name: "standard three-phase (Tempo)", files: ["teleinfo-nom__stream_standard_raw.txt"]),
]

var arguments = Array(CommandLine.arguments.dropFirst())
var seconds = 1.0
if let index = arguments.firstIndex(of: "--seconds"), index + 1 < arguments.count {
    seconds = Double(arguments[index + 1]) ?? 1
    arguments.removeSubrange(index...index + 1)
}
var megabytes = 64
if let index = arguments.firstIndex(of: "--megabytes"), index + 1 < arguments.count {
    megabytes = Int(arguments[index + 1]) ?? 64
    arguments.removeSubrange(index...index + 1)
}
let directory = arguments.first ?? "Tests/TICTests/Fixtures"

func load(_ file: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: directory + "/" + file) else {
        FileHandle.standardError.write(Data("cannot read \(directory)/\(file): run from the repository root\n".utf8))
        exit(1)
    }
    return CaptureFile.stream(from: Array(data))
}

if let index = arguments.firstIndex(of: "--daemon-path"), index + 1 < arguments.count {
    let file = arguments[index + 1]
    let frames = arguments.firstIndex(of: "--frames").flatMap { Int(arguments[$0 + 1]) } ?? 1000
    let chunk = arguments.firstIndex(of: "--chunk").flatMap { Int(arguments[$0 + 1]) } ?? 32
    let data = FileManager.default.contents(atPath: file).map { CaptureFile.stream(from: Array($0)) } ?? []
    DaemonPathBenchmark.run(capture: data, frames: frames, chunk: chunk, hold: arguments.contains("--hold"))
    exit(0)
}

// InfluxDB (issue 11): a backlog of N days per meter drained into a real influxd.
if let index = arguments.firstIndex(of: "--influx-drain"), index + 1 < arguments.count {
    let days = arguments.firstIndex(of: "--days").flatMap { Int(arguments[$0 + 1]) } ?? 30
    let meters = arguments.firstIndex(of: "--meters").flatMap { Int(arguments[$0 + 1]) } ?? 2
    await InfluxDrainBenchmark.run(url: arguments[index + 1], days: days, meters: meters)
    exit(0)
}
// MQTT drain (issue 11): a backlog of N days per meter to a mosquitto on 127.0.0.1:PORT.
if let index = arguments.firstIndex(of: "--mqtt-drain"), index + 1 < arguments.count, let port = Int(arguments[index + 1]) {
    let days = arguments.firstIndex(of: "--days").flatMap { Int(arguments[$0 + 1]) } ?? 30
    let meters = arguments.firstIndex(of: "--meters").flatMap { Int(arguments[$0 + 1]) } ?? 2
    await MQTTDrainBenchmark.run(port: port, days: days, meters: meters)
    exit(0)
}
// History (issue 9): bytes written per day, size per meter-year, report times.
if let index = arguments.firstIndex(of: "--history"), index + 1 < arguments.count {
    HistoryBenchmark.run(directory: arguments[index + 1])
    exit(0)
}

// PostgreSQL exporter (issue 11): a 30-day backlog per meter drained into a server (scripts/bench-postgres.sh).
if let index = arguments.firstIndex(of: "--postgres-backlog"), index + 3 < arguments.count {
    let meters = arguments.firstIndex(of: "--meters").flatMap { Int(arguments[$0 + 1]) } ?? 1
    await PostgresBenchmark.run(url: arguments[index + 1], passwordFile: arguments[index + 2], directory: arguments[index + 3], meters: meters)
    exit(0)
}

let onlyLatency = arguments.contains("--latency-only")
arguments.removeAll { $0 == "--latency-only" }
if onlyLatency {
    // `--with-history FILE`: the history records every frame to FILE during the measurement.
    let history = arguments.firstIndex(of: "--with-history").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    await LatencyBenchmark.run(historyPath: history)
    exit(0)
}

print("linkyd-bench: decode into MeterState, \(seconds) s per stream, chunks of 4 KiB")
print("stream                          MB/s     ns/frame   ns/byte  frames/pass")
for stream in streams {
    let capture = stream.files.flatMap(load)
    var big: [UInt8] = []
    while big.count < megabytes << 20 { big += capture }
    var best = Double.infinity
    var framesPerPass = 0
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(seconds * 1000))
    repeat {
        var decoder = FrameDecoder()
        var state = MeterState()
        let start = clock.now
        big.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(offset + 4096, all.count)
                decoder.push(UnsafeRawBufferPointer(rebasing: all[offset..<end]), into: &state)
                offset = end
            }
        }
        let elapsed = clock.now - start
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, secondsTaken)
        framesPerPass = decoder.statistics.frames + decoder.statistics.interruptedFrames
        precondition(decoder.statistics.groupsAccepted > 0 && state.address != nil)
    } while clock.now < deadline
    let megabytes = Double(big.count) / 1e6
    let frames = max(framesPerPass, 1)
    let line = [
        stream.name.padding(toLength: 30, withPad: " ", startingAt: 0),
        String(format: "%7.0f", megabytes / best),
        String(format: "%10.0f", best * 1e9 / Double(frames)),
        String(format: "%9.2f", best * 1e9 / Double(big.count)),
        String(format: "%10d", frames),
    ]
    print(line.joined(separator: "  "))
}

print("")
await LatencyBenchmark.run()
