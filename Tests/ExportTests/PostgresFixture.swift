import Controller
import Foundation
import History
import TIC

/// A Pi's history, recorded by the real recorder (``HistoryWriter``) from the frames of one
/// simulated standard meter (HC 22:00-06:00, a few hundred VA to a few kVA), with a signal loss
/// and return every few hours (events): the rows the exporter sends are the rows linkyd records.
struct RecordedMeter {
    let address: String
    let meter: String
    var writer: HistoryWriter
    var state = MeterState()
    var indexes = [3_000_000.0, 5_000_000.0]
    var frame: Int64 = 0
    let start: Int64
    let interval: Int64

    init(path: String, meter: String = "main", address: String, start: Int64 = 1_764_543_600_000, interval: Int64 = 10_000) {
        self.address = address
        self.meter = meter
        self.start = start
        self.interval = interval
        var config = HistoryConfig(path: path, commitEvery: .seconds(300))
        config.timeZone = "Europe/Paris"
        writer = HistoryWriter(config: config, meters: [meter], logger: nil)
        writer.open()
        state.mode = .standard
        state.address = address
        state.tariffOptionText = "H PLEINE/CREUSE"
        state.referencePower = VoltAmperes(9000)
        state.cutOffPower = VoltAmperes(9000)
    }

    var now: Int64 { start + frame * interval }

    /// `hours` more of frames, committed as `linkyd run` would (every 5 min and at the end).
    mutating func record(hours: Double) {
        let frames = Int64(hours * 3_600_000) / interval
        for _ in 0..<frames {
            frame += 1
            let ms = now
            let hour = Int((ms / 3_600_000 + 1) % 24)
            let offPeak = hour >= 22 || hour < 6
            let power = 400 + Int((frame * 37) % 3000)
            indexes[offPeak ? 0 : 1] += Double(power) * Double(interval) / 3_600_000
            state.supplierIndexNumber = offPeak ? 1 : 2
            state.apparentPower = VoltAmperes(power)
            state.currents[1] = Amperes(power / 230)
            state.voltages[1] = Volts(228 + Int(frame % 5))
            state.supplierIndexes[0] = WattHours(Int(indexes[0]))
            state.supplierIndexes[1] = WattHours(Int(indexes[1]))
            state.totalEnergyWithdrawn = WattHours(Int(indexes[0] + indexes[1]))
            let at = Duration.milliseconds(frame * interval)
            let time = WallTime(millisecondsSince1970: ms)
            let kind: ControllerEvent.Kind
            switch frame % 1_000 {
            case 500: kind = .meterLost(meter: meter)
            case 501: kind = .meterBack(meter: meter)
            default: kind = .meterChanged(meter: meter, state: state, frameEnd: .complete)
            }
            if writer.record(ControllerEvent(at: at, time: time, kind)) { writer.commit(at: at) }
        }
        writer.commit(final: false)
    }
}
