import Controller
import Foundation
import History
import TIC

/// A simulated meter at a constant load, driven minute by minute over days, its frames decoded into
/// a `MeterState` and handed to a recorder as the controller core would (a `meterChanged` at each
/// frame end, wall time from the meter's clock). Constant load and frames at whole minutes make
/// every expected figure a hand calculation: 1000 VA for an hour is 1000 Wh.
struct SimulatedHousehold {
    var meter: SimulatedMeter
    var state = MeterState()
    var decoder = FrameDecoder()
    var at: Duration = .zero
    let name: String
    /// Sets the tariff state for the meter's local time (HC 22:00-06:00, Tempo days from 06:00…).
    var tariff: @Sendable (inout SimulatedMeter) -> Void

    init(name: String = "main", mode: TICMode, contract: SimulatedMeter.Contract, phases: Int = 1, producer: Bool = false,
         load: [Int], start: MeterClock, seed: UInt64 = 1, tariff: @escaping @Sendable (inout SimulatedMeter) -> Void) {
        var generator = SeededGenerator(seed: seed)
        meter = SimulatedMeter(mode: mode, phases: phases, contract: contract, isProducer: producer, subscribedKVA: 12,
                               baseLoad: load, clock: start, generator: &generator)
        self.name = name
        self.tariff = tariff
    }

    /// UTC ms of the meter's local clock (its season flag, tic-protocol.md §6.3).
    var wallTime: WallTime { WallTime(meter.clock.horodate) ?? WallTime(millisecondsSince1970: 0) }

    /// One frame now, then `seconds` of meter time.
    mutating func frame(advancing seconds: Int64 = 60, into recorder: inout some EventSink, edit: (inout [Group]) -> Void = { _ in }) {
        tariff(&meter)
        var groups = meter.mode == .historic ? meter.historicFrame() : meter.standardFrame()
        edit(&groups)
        decode(TICEncoder.encodeFrame(groups), into: &recorder)
        meter.advance(by: seconds * MeterClock.nanosecondsPerSecond)
        at += .seconds(seconds)
    }

    /// Frames every `step` seconds for `hours` hours.
    mutating func run(hours: Int, step: Int64 = 60, into recorder: inout some EventSink) {
        for _ in 0..<(Int64(hours) * 3600 / step) { frame(advancing: step, into: &recorder) }
    }

    /// The meter keeps counting, nothing is received.
    mutating func silence(hours: Int) {
        tariff(&meter)
        meter.advance(by: Int64(hours) * 3600 * MeterClock.nanosecondsPerSecond)
        at += .seconds(hours * 3600)
    }

    mutating func decode(_ bytes: [UInt8], into recorder: inout some EventSink) {
        var sink = FrameSink(state: state)
        decoder.push(bytes, into: &sink)
        state = sink.state
        if sink.ended {
            recorder.take(ControllerEvent(at: at, time: wallTime, .meterChanged(meter: name, state: state, frameEnd: .complete)))
        }
    }

    /// HC 22:00-06:00 (off-peak and Tempo contracts); Tempo colours by day, from 06:00.
    static func tempo(colours: [Int: SimulatedMeter.TempoColour]) -> @Sendable (inout SimulatedMeter) -> Void {
        { m in
            m.isOffPeak = m.clock.hour >= 22 || m.clock.hour < 6
            let (_, _, day) = m.clock.date
            // A Tempo day starts at 06:00: before, it is still yesterday's colour.
            let tempoDay = m.clock.hour < 6 ? day - 1 : day
            m.tempoToday = colours[tempoDay] ?? .blue
        }
    }
}

/// A fresh temporary directory per test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let paris = LocalCalendar(identifier: "Europe/Paris")!

/// A meter state that notes frame ends.
struct FrameSink: TICSink {
    var state: MeterState
    var ended = false
    mutating func accept(_ group: GroupView) { state.accept(group) }
    mutating func frameEnded(_ end: FrameEnd) { state.frameEnded(end); ended = true }
}

/// Where the household's events go: a recorder, or a writer that commits when due.
protocol EventSink {
    mutating func take(_ event: ControllerEvent)
}

extension HistoryRecorder: EventSink {
    mutating func take(_ event: ControllerEvent) { record(event) }
}

extension HistoryWriter: EventSink {
    mutating func take(_ event: ControllerEvent) {
        if record(event) { commit(at: event.at) }
    }
}
