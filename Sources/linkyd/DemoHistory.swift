import Controller
import Foundation
import History
import TIC

/// The demo's history (`linkyd demo`, and the web tests): `days` days of a simulated Tempo
/// household ending `end`, its frames run through the controller core with the rules (a ``Replay``,
/// so the switches are the rules' own) and recorded by the same ``HistoryWriter`` as `linkyd run`.
/// A frame every 5 min, every minute for the last two days; one signal loss of 20 min three hours ago.
/// Simulated data, said so wherever it is shown.
enum DemoHistory {
    struct Summary {
        var frames: Int
        var from: CalendarDate
        var to: CalendarDate
    }

    static func fill(path: String, rules: RuleSet, meter: String, days: Int = 35, end: Date = Date(),
                     seed: UInt64 = 7) throws(HistoryError) -> Summary {
        var config = rules.history
        config.path = path
        config.commitEvery = .seconds(6 * 3600)  // a transaction per 6 simulated hours: seconds, not minutes
        let calendar = LocalCalendar(identifier: config.timeZone) ?? LocalCalendar(zone: .gmt)
        let endMs = Int64(end.timeIntervalSince1970 * 1000)
        let firstDay = calendar.local(endMs).date.adding(days: -days)
        let startMs = calendar.start(of: firstDay)
        let lossAt = endMs - 3 * 3_600_000  // inside yesterday-and-today whatever the hour
        var generator = SeededGenerator(seed: seed)
        let name = meter
        var meter = Household(indexes: (0..<6).map { _ in Int.random(in: 1_000_000...9_000_000, using: &generator) })
        var writer = HistoryWriter(config: config, meters: rules.meters.map(\.name), logger: nil)
        guard writer.open() else { throw writer.failure ?? HistoryError(path: path, problem: "cannot be opened", hint: "") }
        // Older days: frames decoded straight into `meterChanged` events (what the core emits at
        // each frame end); the last two days through the whole core and the rules (the switches).
        let replayFrom = endMs - 2 * 86_400_000
        var replay: Replay?
        var base = Duration.zero
        var decoder = FrameDecoder()
        var sink = StateSink(state: MeterState())
        var now = startMs
        var frames = 0
        var lost = false
        var events: [ControllerEvent] = []
        while now < endMs {
            let step: Int64 = now < replayFrom ? 300 : 60
            let local = calendar.local(now)
            let localTime = LocalTime(weekday: Weekday(isoNumber: (local.date.dayNumber + 3) % 7 + 1) ?? .monday,
                                      hour: local.hour, minute: local.minute)
            meter.shape(hour: local.hour, minute: local.minute, day: local.date, generator: &generator)
            events.removeAll(keepingCapacity: true)
            let bytes = TICEncoder.encodeFrame(meter.frame())
            if now < replayFrom {
                sink.ended = false
                decoder.push(bytes, into: &sink)
                if sink.ended {
                    events.append(ControllerEvent(at: .milliseconds(now - startMs), time: WallTime(millisecondsSince1970: now),
                                                  .meterChanged(meter: name, state: sink.state, frameEnd: .complete)))
                }
            } else {
                if replay == nil {
                    replay = Replay(rules: rules, start: localTime, wallStart: WallTime(millisecondsSince1970: now))
                    base = .milliseconds(now - startMs)
                }
                guard var running = replay else { break }
                if !lost, now >= lossAt {
                    // The line goes quiet for 20 minutes: what `linkyd run` records then.
                    lost = true
                    events.append(ControllerEvent(at: base + running.now, time: WallTime(millisecondsSince1970: now), .meterLost(meter: name)))
                    _ = running.skip(by: .seconds(1200))
                    meter.advance(milliseconds: 1_200_000)
                    now += 1_200_000
                    events.append(ControllerEvent(at: base + running.now, time: WallTime(millisecondsSince1970: now), .meterBack(meter: name)))
                }
                running.clockOverride = localTime
                let before = running.now, first = events.count
                _ = running.feed(bytes, meter: name, into: &events)
                for index in first..<events.count { events[index].at += base }
                _ = running.skip(by: .seconds(step) - (running.now - before))
                replay = running
            }
            for event in events where writer.record(event) { writer.commit(at: event.at) }
            frames += 1
            meter.advance(milliseconds: step * 1000)
            now += step * 1000
        }
        writer.commit(final: true)
        if let failure = writer.failure { throw failure }
        return Summary(frames: frames, from: firstDay, to: calendar.local(endMs).date)
    }

    /// The decoded state, and whether a frame just ended.
    struct StateSink: TICSink {
        var state: MeterState
        var ended = false
        mutating func accept(_ group: GroupView) { state.accept(group) }
        mutating func frameEnded(_ end: FrameEnd) { state.frameEnded(end); ended = true }
    }

}

/// A single-phase Tempo household in historic mode (tic-protocol.md §3): a load that follows the
/// hour of the day, the six Tempo indexes integrating it exactly (W × time, remainders carried).
struct Household {
    var indexes: [Int]
    var load = 350
    var offPeak = false
    var colour = 0  // 0 blue, 1 white, 2 red
    var tomorrow: Int?
    private var remainder: Int64 = 0  // W·ms not yet a whole Wh

    init(indexes: [Int]) { self.indexes = indexes }

    /// A household's day: a low base, breakfast, lunch, evening cooking and heating, the water
    /// heater in off-peak hours; Tempo colours drawn per day (mostly blue, some white, a few red in
    /// winter), tomorrow's announced from 11:00.
    mutating func shape(hour: Int, minute: Int, day: CalendarDate, generator: inout SeededGenerator) {
        offPeak = hour >= 22 || hour < 6
        func colourOf(_ date: CalendarDate) -> Int {
            let draw = (date.dayNumber &* 2_654_435_761) % 100
            return [11, 12, 1, 2, 3].contains(date.month) && draw < 8 ? 2 : draw < 25 ? 1 : 0
        }
        let tempoDay = hour < 6 ? day.adding(days: -1) : day
        colour = colourOf(tempoDay)
        tomorrow = hour < 11 && hour >= 6 ? nil : colourOf(tempoDay.adding(days: 1))
        var watts = 350
        switch hour {
        case 6, 7: watts += 1400
        case 8: watts += 600
        case 12: watts += 1100
        case 18, 19, 20: watts += colour == 2 ? 900 : 2300
        case 21: watts += 1200
        case 22, 23, 0, 1: watts += 2200  // the water heater, off-peak
        default: break
        }
        if minute % 20 < 3 { watts += 900 }  // the fridge and the pumps
        load = max(80, watts + Int.random(in: -120...120, using: &generator))
    }

    /// The index of the period in force: HC/HP × blue, white, red (BBRHCJB … BBRHPJR).
    var period: Int { colour * 2 + (offPeak ? 0 : 1) }

    mutating func advance(milliseconds: Int64) {
        remainder += Int64(load) * milliseconds
        let wh = remainder / 3_600_000
        remainder -= wh * 3_600_000
        indexes[period] += Int(wh)
    }

    func frame() -> [Group] {
        func digits(_ value: Int, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        let colours = ["B", "W", "R"], tomorrowText = ["BLEU", "BLAN", "ROUG"]
        let labels = ["BBRHCJB", "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR"]
        var groups = [("ADCO", "041876097326"), ("OPTARIF", "BBR("), ("ISOUSC", "45")]
        for (index, label) in labels.enumerated() { groups.append((label, digits(indexes[index], 9))) }
        groups += [("PTEC", (offPeak ? "HCJ" : "HPJ") + colours[colour]), ("DEMAIN", tomorrow.map { tomorrowText[$0] } ?? "----"),
                   ("IINST", digits((load + 115) / 230, 3)), ("IMAX", "090"), ("PAPP", digits(load, 5)),
                   ("HHPHC", "Y"), ("MOTDETAT", "000000")]
        return groups.compactMap { pair in Label(pair.0).map { Group(mode: .historic, label: $0, data: pair.1) } }
    }
}
