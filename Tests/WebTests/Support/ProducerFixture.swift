import Controller
import Foundation
import History
import TIC
import Web

/// A history with two standard-mode meters, for the per-phase and injection paths: `garage`, three
/// phases at 1200, 800 and 400 VA; `solar`, a producer drawing 500 VA and injecting 1500 VA from
/// 10:00 to 16:00 (its `EAIT` integrating that exactly). Two days, a frame every 5 minutes, each
/// frame's end recorded as the core reports it (`meterChanged`).
enum ProducerFixture {
    static let made: Result<HistorySource, any Error> = Result(catching: {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-web-producer-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("history.sqlite").path
        let config = HistoryConfig(path: path, commitEvery: .seconds(86_400))
        let calendar = try require(LocalCalendar(identifier: config.timeZone))
        var writer = HistoryWriter(config: config, meters: ["garage", "solar"], logger: nil)
        guard writer.open() else { throw Missing() }
        let endMs = Int64(Date().timeIntervalSince1970 * 1000)
        let firstDay = calendar.local(endMs).date.adding(days: -2)
        let startMs = calendar.start(of: firstDay)
        var generator = SeededGenerator(seed: 3)
        let clock = MeterClock(year: firstDay.year, month: firstDay.month, day: firstDay.day)
        var garage = SimulatedMeter(mode: .standard, phases: 3, contract: .base, subscribedKVA: 12,
                                    baseLoad: [1200, 800, 400], clock: clock, generator: &generator)
        var solar = SimulatedMeter(mode: .standard, phases: 1, contract: .base, isProducer: true, subscribedKVA: 6,
                                   baseLoad: [500], clock: clock, generator: &generator)
        var states = ["garage": MeterState(), "solar": MeterState()]
        var decoders = ["garage": FrameDecoder(), "solar": FrameDecoder()]
        var injected = 2_000_000, remainder: Int64 = 0
        var now = startMs
        while now < endMs {
            let hour = calendar.local(now).hour
            let injection = (10..<16).contains(hour) ? 1500 : 0
            var solarGroups = solar.standardFrame()
            for index in solarGroups.indices {
                switch solarGroups[index].label.description {
                case "EAIT": solarGroups[index].data = String(format: "%09d", injected)
                case "SINSTI": solarGroups[index].data = String(format: "%05d", injection)
                default: break
                }
            }
            for (name, groups) in [("garage", garage.standardFrame()), ("solar", solarGroups)] {
                var sink = StateSink(state: states[name] ?? MeterState())
                var decoder = decoders[name] ?? FrameDecoder()
                decoder.push(TICEncoder.encodeFrame(groups), into: &sink)
                decoders[name] = decoder
                states[name] = sink.state
                if sink.ended {
                    let event = ControllerEvent(at: .milliseconds(now - startMs), time: WallTime(millisecondsSince1970: now),
                                                .meterChanged(meter: name, state: sink.state, frameEnd: .complete))
                    if writer.record(event) { writer.commit(at: event.at) }
                }
            }
            remainder += Int64(injection) * 300_000
            injected += Int(remainder / 3_600_000)
            remainder %= 3_600_000
            garage.advance(by: 300 * MeterClock.nanosecondsPerSecond)
            solar.advance(by: 300 * MeterClock.nanosecondsPerSecond)
            now += 300_000
        }
        writer.commit(final: true)
        if let failure = writer.failure { throw failure }
        return HistorySource(path: path, calendar: calendar, prices: PriceSchedule(entries: [
            PriceEntry(from: CalendarDate(year: 2020, month: 1, day: 1), subscriptionPerDay: 0.4, energy: ["base": 0.2], injection: 0.1),
        ]))
    })

    struct StateSink: TICSink {
        var state: MeterState
        var ended = false
        mutating func accept(_ group: GroupView) { state.accept(group) }
        mutating func frameEnded(_ end: FrameEnd) { state.frameEnded(end); ended = true }
    }
}
