import ArgumentParser
import Foundation
import TIC

/// `linkyd demo`: the built-in simulated meter, live through the decoder. Each frame is written as
/// wire bytes, decoded, applied to the meter state, and shown with what the scenario is doing.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in simulated meter through the decoder and show the meter state."
    )

    @Option(help: "Scenarios to play, comma-separated (default: all). \(MeterScenario.allCases.map(\.name).joined(separator: ", ")).")
    var scenarios: String?

    @Option(help: "Stop after this many frames (default: run until interrupted).")
    var frames: Int?

    @Option(help: "Speed factor: 1 paces frames at their time on the wire, 0 does not wait.")
    var speed: Double = 4

    @Flag(help: "Print one JSON object per frame instead of the readable view.")
    var json = false

    func run() async throws {
        let chosen = try parseScenarios()
        var demo = MeterDemo(scenarios: chosen)
        var decoder = FrameDecoder()
        var state = MeterState()
        var lastScenario: MeterScenario?
        var count = 0
        while frames.map({ count < $0 }) ?? true {
            let frame = demo.nextFrame()
            if frame.scenario != lastScenario, !json {
                print("\n== \(frame.scenario.name): \(frame.scenario.summary)")
                lastScenario = frame.scenario
            }
            frame.bytes.withUnsafeBytes { decoder.push($0, into: &state) }
            if json {
                print(state.jsonObject(frame: count, complete: true).line)
            } else {
                print("\(frame.time.horodate.iso8601.prefix(16))  \(frame.caption)")
                print("    \(state.summary(frame: count))")
            }
            count += 1
            if speed > 0 {
                let nanoseconds = Double(frame.wireDuration + SimulatedFrame.interFrameSilence) / speed
                try await Task.sleep(for: .nanoseconds(Int64(nanoseconds)))
            }
        }
        if !json {
            let s = decoder.statistics
            print("\n\(s.frames) frames, \(s.groupsAccepted) groups accepted, \(s.groupsRejected) rejected")
        }
    }

    private func parseScenarios() throws -> [MeterScenario] {
        guard let scenarios else { return MeterScenario.allCases }
        return try scenarios.split(separator: ",").map { name in
            guard let scenario = MeterScenario(name: String(name)) else {
                throw ValidationError("unknown scenario '\(name)'; choose among: \(MeterScenario.allCases.map(\.name).joined(separator: ", "))")
            }
            return scenario
        }
    }
}
