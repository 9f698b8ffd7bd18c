import Foundation
import Testing
import TIC
@testable import Controller

/// A group the decoder hands over as a repeat (``TICSink/acceptRepeat(_:)``) is not applied again by
/// the core: the meter's state must still be, at every frame end, exactly what applying every group
/// gives, through warnings that come and go, another meter on the line and mode switches; and each
/// label's time must still be its last group's.
struct RepeatedGroupTests {
    static let rules = """
    meters:
      main: { port: /dev/ttyAMA0 }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
    rules:
      - { name: warn, when: { any: [ { tempo-tomorrow: red }, { ejp-notice: true } ] }, then: { led: on } }
    """

    /// Applies every group (``MeterState``'s own `acceptRepeat` is `accept`).
    struct Reference: TICSink {
        var state = MeterState()
        var frameEnds: [MeterState] = []
        /// Label → index of the chunk that brought its last group.
        var times: [KnownLabel: Int] = [:]
        var chunk = 0
        mutating func accept(_ group: GroupView) {
            state.accept(group)
            if let known = group.known { times[known] = chunk }
        }
        mutating func frameStarted() { state.frameStarted() }
        mutating func frameEnded(_ end: FrameEnd) {
            state.frameEnded(end)
            frameEnds.append(state)
        }
    }

    /// `bytes` in chunks of `size` through the core (chunk i at i seconds) and through the reference.
    static func compare(_ bytes: [UInt8], size: Int, _ comment: Comment) throws {
        var core = ControllerCore(rules: try #require(RulesCompiler.compile(source: rules, file: "r.yaml").ruleSet),
                                  at: .zero, local: LocalTime(weekday: .monday, hour: 12, minute: 0))
        var decoder = FrameDecoder()
        var reference = Reference()
        var events: [ControllerEvent] = []
        var frameEnds: [MeterState] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            let chunk = Array(bytes[offset..<end])
            events.removeAll()
            core.receive(chunk, from: 0, at: .seconds(reference.chunk), into: &events)
            for event in events { if case .meterChanged(_, let state, _) = event.kind { frameEnds.append(state) } }
            decoder.push(chunk, into: &reference)
            reference.chunk += 1
            offset = end
        }
        #expect(frameEnds.count == reference.frameEnds.count, comment)
        for (index, (mine, theirs)) in zip(frameEnds, reference.frameEnds).enumerated() where mine != theirs {
            Issue.record("\(comment): frame \(index) differs: \(Self.summary(mine)) ≠ \(Self.summary(theirs))")
            break
        }
        #expect(core.readings[0].state == reference.state, comment)
        return try checkTimes(core, reference, comment)
    }

    static func summary(_ state: MeterState) -> String {
        "\(state.mode.map { "\($0)" } ?? "-") \(state.address ?? "-") PAPP \(state.apparentPower.map { "\($0.value)" } ?? "-")"
            + " ADPS \(state.overSubscriptionCurrent.map { "\($0.value)" } ?? "-") PEJP \(state.ejpNoticeMinutes.map { "\($0)" } ?? "-")"
    }

    /// Every label the core counts as received since its state started has its last group's time.
    static func checkTimes(_ core: ControllerCore, _ reference: Reference, _ comment: Comment) throws {
        let received = core.status.meters[0].received
        for label in KnownLabel.allCases {
            guard let time = received[label] else { continue }
            #expect(time == .seconds(try #require(reference.times[label], comment)), "\(comment): \(label)")
        }
        let repeatedLabels = reference.times.keys.filter { received[$0] != nil }
        #expect(!repeatedLabels.isEmpty, comment)
    }

    @Test(arguments: ["pyteleinfo__historic_mono_tempo__captured_frames.bin", "ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin",
                      "teleinfo-nom__stream_standard_raw.txt", "ticdecodecpp__continuous_linky_3P_historical_TIC_sample.bin"])
    func realCapturesKeepTheSameState(_ name: String) throws {
        let bytes = CaptureFile.stream(from: Array(try Data(contentsOf: ReplayTests.fixtures.appendingPathComponent(name))))
        for size in [4, 37, 4096] { try Self.compare(bytes, size: size, "\(name), chunks of \(size)") }
    }

    static func historic(_ groups: [(String, String)]) -> [UInt8] {
        TICEncoder.encodeFrame(groups.map { Group(mode: .historic, label: Label($0.0)!, data: $0.1) })
    }

    static func standard(_ groups: [(String, String)]) -> [UInt8] {
        TICEncoder.encodeFrame(groups.map { Group(mode: .standard, label: Label($0.0)!, data: $0.1) })
    }

    /// `last`: a warning sent as the frame's last group, so that a frame without it leaves its place
    /// remembered (the next one repeats it there, after a frame end cleared it).
    static func meter(_ address: String, adps: Bool = false, pejp: Bool = false, papp: String = "02000",
                      last: (String, String)? = nil) -> [UInt8] {
        historic([("ADCO", address), ("OPTARIF", "EJP."), ("ISOUSC", "30"), ("EJPHN", "001234567"), ("EJPHPM", "000123456"),
                  ("PTEC", "HN..")] + (pejp ? [("PEJP", "30")] : []) + [("IINST", "010")] + (adps ? [("ADPS", "031")] : [])
                 + [("PAPP", papp), ("MOTDETAT", "000000")] + (last.map { [$0] } ?? []))
    }

    /// Warnings that come and go at the same place (each frame end clears what a frame lacks: a repeat
    /// of ADPS or PEJP after a frame without it must be applied again), another meter's frames on the
    /// line (the state starts afresh: repeats of the first meter are applied again), a switch to
    /// standard mode and back.
    @Test func warningsOtherMetersAndModeSwitches() throws {
        let a = "021861348497", b = "031762120443"
        var bytes: [UInt8] = []
        for _ in 0..<2 { bytes += Self.meter(a) }
        for _ in 0..<2 { bytes += Self.meter(a, adps: true, pejp: true) }
        bytes += Self.meter(a)
        for _ in 0..<2 { bytes += Self.meter(a, adps: true, pejp: true) }
        bytes += Self.meter(b, papp: "00500")
        for _ in 0..<2 { bytes += Self.meter(a, adps: true) }
        for _ in 0..<2 {
            bytes += Self.standard([("ADSC", "041876097467"), ("VTIC", "02"), ("NGTF", "     TEMPO      "), ("NTARF", "01"),
                                    ("SINSTS", "01500"), ("STGE", "003A4301")])
        }
        for _ in 0..<2 { bytes += Self.meter(a) }
        for warning in [("ADPS", "031"), ("PEJP", "30")] {
            for _ in 0..<2 {
                bytes += Self.meter(a, last: warning)
                bytes += Self.meter(a)
            }
        }
        for size in [1, 5, 64, 4096] { try Self.compare(bytes, size: size, "crafted, chunks of \(size)") }
    }
}

extension RepeatedGroupTests {
    /// ``LabelTimes`` keeps one bit per known label in two 64-bit words.
    @Test func everyKnownLabelHasABit() {
        #expect(KnownLabel.allCases.count <= 128)
        var times = LabelTimes()
        for label in KnownLabel.allCases { times.set(Int(label.rawValue), .seconds(Int(label.rawValue))) }
        for label in KnownLabel.allCases { #expect(times[label] == .seconds(Int(label.rawValue))) }
        #expect(LabelTimes()[.sinsts] == nil && LabelTimes()[.adco] == nil)
    }
}
