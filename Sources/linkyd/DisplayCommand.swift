import ArgumentParser
import Display
import Foundation
import TIC

/// `linkyd display`: renders what the OLED would show, without an OLED. A simulator scenario or a
/// capture file goes through the decoder into meter states; the dashboard draws them; the picture is
/// written as a PNG (scaled ×4) and/or printed in the terminal.
struct DisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display",
        abstract: "Preview the OLED screen for a simulated scenario or a capture file.",
        discussion: """
            Examples:
              linkyd display --preview oled.png --scenario ejp-notice-then-peak --frames 40
              linkyd display --ascii --size 128x32 --capture capture.txt
              linkyd display --ascii --scenario producer,tempo-blue-to-red,overpower   (three meters)
              linkyd display --ascii --scenario overpower --output chauffe-eau=off:shedding --output pompe=on
            """
    )

    @Option(help: "Write the screen as a PNG file (each pixel 4×4).")
    var preview: String?

    @Option(help: "Panel size: 128x64 or 128x32.")
    var size: String = "128x64"

    @Option(help: "Simulator scenarios, comma-separated (one meter each): \(MeterScenario.allCases.map(\.name).joined(separator: ", ")).")
    var scenario: String?

    @Option(help: "A capture file (raw TIC bytes, or Python bytes literals) instead of a scenario.")
    var capture: String?

    @Option(help: "Play only the first N frames of each scenario or of the capture (default: all).")
    var frames: Int?

    @Option(help: "Local time shown, HH:MM (default: the simulated meter's clock, or 12:00).")
    var time: String?

    @Option(help: "An output and its state: NAME=on|off[:shedding|failsafe|initial] (repeatable).")
    var output: [String] = []

    @Option(help: "Preview the signal-lost screen: minutes without a valid frame.")
    var signalLost: Int?

    @Option(help: "Preview the reload-error screen with this message.")
    var reloadError: String?

    @Option(help: "Rotating page / alert index to draw.")
    var page: Int = 0

    @Flag(help: "Draw the non-flashing phase of alert screens.")
    var noFlash = false

    @Flag(help: "Print the screen in the terminal.")
    var ascii = false

    func validate() throws {
        guard PanelSize(parsing: size) != nil else { throw ValidationError("--size must be 128x64 or 128x32") }
        if scenario != nil && capture != nil { throw ValidationError("give --scenario or --capture, not both") }
        if preview == nil && !ascii { throw ValidationError("give --preview FILE.png, --ascii, or both") }
        if let time, TimeOfDay(parsing: time) == nil { throw ValidationError("--time must be HH:MM, e.g. 21:45") }
    }

    func run() throws {
        let panel = PanelSize(parsing: size) ?? .size128x64
        var (meters, clock) = try playMeters()
        if let signalLost, !meters.isEmpty {
            meters[0].signal = .lost(since: .seconds(signalLost * 60))
        }
        let localTime = time.flatMap(TimeOfDay.init(parsing:)) ?? clock ?? TimeOfDay(hour: 12, minute: 0)
        let status = DisplayStatus(meters: meters, outputs: try output.map(Self.parseOutput), reloadError: reloadError, localTime: localTime)
        let settings = DisplaySettings(pixelShiftInterval: nil)
        let frame = Dashboard.render(status, size: panel, settings: settings, cycle: RenderCycle(page: page, flash: !noFlash))
        if ascii { print(frame.terminalPreview, terminator: "") }
        if let preview {
            do {
                try Data(frame.png(scale: 4)).write(to: URL(fileURLWithPath: preview))
            } catch {
                throw ValidationError("cannot write '\(preview)': \(error.localizedDescription)")
            }
            if !ascii { print("wrote \(preview) (\(panel), \(status.alerts.count) alert(s))") }
        }
    }

    /// The meters after playing the scenarios or the capture, and the last simulated local time.
    private func playMeters() throws -> ([DisplayStatus.Meter], TimeOfDay?) {
        if let capture {
            guard let data = FileManager.default.contents(atPath: capture) else {
                throw ValidationError("cannot read '\(capture)': no such file, or permission denied")
            }
            var decoder = FrameDecoder()
            var decoded = decoder.push(CaptureFile.stream(from: Array(data)))
            decoded += decoder.finish()
            var state = MeterState()
            for frame in decoded.prefix(frames ?? decoded.count) { state.apply(frame) }
            let clock = state.clock.map { TimeOfDay(hour: $0.hour, minute: $0.minute) }
            return ([DisplayStatus.Meter(name: "compteur", state: state, signal: decoded.isEmpty ? .waiting : .ok)], clock)
        }
        let chosenScenarios = try MeterScenario.parse(list: scenario ?? MeterScenario.tempoBlueToRed.name)
        var meters: [DisplayStatus.Meter] = []
        var clock: TimeOfDay?
        for chosen in chosenScenarios {
            var decoder = FrameDecoder()
            var state = MeterState()
            let all = chosen.frames()
            for frame in all.prefix(frames ?? all.count) {
                decoder.push(frame.bytes, into: &state)
                clock = TimeOfDay(hour: frame.time.hour, minute: frame.time.minute)
            }
            meters.append(DisplayStatus.Meter(name: chosenScenarios.count > 1 ? chosen.name : "compteur", state: state))
        }
        return (meters, clock)
    }

    /// `chauffe-eau=off:shedding`.
    static func parseOutput(_ text: String) throws -> DisplayStatus.Output {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let value = parts.count == 2 ? parts[1].split(separator: ":").map(String.init) : []
        guard parts.count == 2, let first = value.first, first == "on" || first == "off" else {
            throw ValidationError("--output '\(text)': write NAME=on or NAME=off[:shedding|failsafe|initial]")
        }
        var reason = DisplayStatus.Reason.rule
        if value.count > 1 {
            guard let parsed = DisplayStatus.Reason(rawValue: value[1]) else {
                throw ValidationError("--output '\(text)': the reason is one of rule, shedding, failsafe, initial")
            }
            reason = parsed
        }
        return DisplayStatus.Output(name: parts[0], isOn: first == "on", reason: reason)
    }
}
