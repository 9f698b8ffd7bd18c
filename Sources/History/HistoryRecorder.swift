import Controller
import TIC

/// The history as a pure consumer of controller events (issue 9): events in, rows out. No I/O and no
/// clock: the events' wall time (``ControllerEvent/time``) is the rows' time. The same code records
/// `linkyd run` (``HistoryService``) and `linkyd simulate --record` (a replay, synchronously).
///
/// Per meter, at every frame end (``ControllerEvent/Kind/meterChanged(meter:state:frameEnd:)`` with a
/// `frameEnd`): the power sample goes into the current minute; every index goes through its
/// ``IndexGate`` (dropped values are counted, logged once per index and series as an `index-rejected`
/// event, never stored); the accepted indexes are snapshotted at the first frame of each quarter hour
/// and at each period change. A new address or mode (``ControllerEvent/Kind/meterReset(meter:from:to:)``)
/// or another tariff option starts a new series: never a negative or huge delta.
public struct HistoryRecorder: Sendable {
    public let calendar: LocalCalendar
    private var nextSeriesID: Int64
    private var resume: [String: ResumePoint]
    private var tracks: [String: MeterTrack] = [:]
    private var batch = HistoryBatch()
    /// Values dropped by the gates since the start.
    public private(set) var rejectedCount = 0
    /// Messages for the journal (one per index and series), taken by ``takeMessages()``.
    private var messages: [String] = []

    public init(calendar: LocalCalendar, resume: HistoryResume = HistoryResume()) {
        self.calendar = calendar
        nextSeriesID = resume.nextSeriesID
        self.resume = resume.lastSeries
    }

    /// Rows waiting for the next commit.
    public var pendingRows: Int { batch.power.count + batch.snapshots.count + batch.events.count + batch.series.count }

    public mutating func record(_ event: ControllerEvent) {
        let time = event.time.millisecondsSince1970
        batch.now = max(batch.now, time)
        switch event.kind {
        case .meterChanged(let meter, let state, _):
            frame(meter, state, time: time, at: event.at)
        case .switched(let change):
            note(time, nil, "switched", "\(change.output): \(change.from) → \(change.to) (\(change.reason))")
        case .meterLost(let meter): note(time, meter, "meter-lost", "no valid frame: signal lost")
        case .meterBack(let meter): note(time, meter, "meter-back", "signal back")
        case .meterReset(let meter, let from, let to):
            note(time, meter, "meter-reset", "now \(to), was \(from): a new series starts")
            if var track = tracks[meter] {
                close(&track, time: time)
                tracks[meter] = track
            }
        case .reloaded(let summary): note(time, nil, "reloaded", summary.description)
        case .reloadRefused(let problems): note(time, nil, "reload-refused", problems.joined(separator: "; "))
        case .lineFailed(let output, let error): note(time, nil, "line-failed", "\(output): \(error)")
        case .lineRecovered(let output): note(time, nil, "line-recovered", output)
        case .stopped: note(time, nil, "stopped", "outputs in their fail-safe states")
        case .link, .statistics, .valueChanged: break
        }
    }

    /// Everything since the last call, for one transaction. `final` (shutdown, end of a replay) also
    /// writes each meter's current minute and a last snapshot of its indexes.
    public mutating func takeBatch(final: Bool = false) -> HistoryBatch {
        if final {
            for meter in tracks.keys.sorted() {
                guard var track = tracks[meter] else { continue }
                close(&track, time: batch.now, keepSeries: true)
                tracks[meter] = track
            }
        }
        let taken = batch
        batch = HistoryBatch()
        batch.now = taken.now
        return taken
    }

    /// The journal lines waiting (rejected indexes), once each.
    public mutating func takeMessages() -> [String] {
        defer { messages.removeAll() }
        return messages
    }

    // MARK: - Frames

    private mutating func frame(_ meter: String, _ state: MeterState, time: Int64, at: Duration) {
        guard let address = state.address, let mode = state.mode else { return }
        var track = tracks[meter] ?? MeterTrack()
        let tariff = state.tariffOption?.rawValue
        if let series = track.series,
           series.address != address || series.mode != mode.rawValue || (series.tariff != nil && tariff != nil && series.tariff != tariff) {
            close(&track, time: time)
        }
        if track.series == nil { start(&track, meter: meter, address: address, mode: mode.rawValue, tariff: tariff, time: time) }
        guard let series = track.series else { return }
        if series.tariff == nil, let tariff {
            track.series?.tariff = tariff
            batch.tariffChanges.append(.init(id: series.id, tariff: tariff))
        }

        let minute = time / 60_000
        if let current = track.minute, current.minute != minute { batch.power.append(current.row(series: series.id)) }
        if track.minute?.minute != minute { track.minute = MinuteAccumulator(minute: minute) }
        track.minute?.add(state)

        // The gate confirms the previous frame's readings: the snapshot is dated from that frame, so a
        // frame at a quarter's first second cuts the energy there exactly.
        let confirmedTime = track.lastFrameTime ?? time
        gate(&track, meter: meter, state: state, time: time, at: at)
        track.lastFrameTime = time
        let period = state.period?.rawValue
        let periodChanged = track.period != nil && period != nil && track.period != period
        if periodChanged, let old = track.period, let period { note(time, meter, "period", "\(old) → \(period)") }
        if period != nil { track.period = period }
        notices(&track, meter: meter, state: state, time: time)

        let quarter = confirmedTime / 900_000
        if track.accepted.contains(where: { $0 != nil }), track.lastQuarter != quarter || periodChanged {
            snapshot(&track, time: confirmedTime, reason: track.lastQuarter == nil ? .start : periodChanged ? .period : .quarter)
            track.lastQuarter = quarter
        }
        tracks[meter] = track
    }

    private mutating func gate(_ track: inout MeterTrack, meter: String, state: MeterState, time: Int64, at: Duration) {
        let maximum = max(state.cutOffPower?.value ?? state.subscribedPower?.value ?? 36_000, 1_000)
        var values = EnergyIndex.values(of: state)
        if case .disagree(let total, let sum) = track.totals.check(values) {
            // One of EAST and EASF01-10 is corrupted (its checksum verified by chance) and there is no
            // telling which: none of them from this frame; the next frame carries the true values.
            for i in EnergyIndex.totalAndSupplier { values[i] = nil }
            rejectedCount += 1
            if !track.reported.contains(EnergyIndex.east.rawValue) {
                track.reported.insert(EnergyIndex.east.rawValue)
                let detail = "EAST \(total) Wh ≠ EASF01-10 summed \(sum) Wh: this frame's EAST and EASF dropped; further drops are counted, not logged"
                note(time, meter, "index-rejected", detail)
                messages.append("meter '\(meter)': \(detail)")
            }
        }
        for (i, value) in values.enumerated() {
            guard let value else { continue }
            let reading = IndexGate.Reading(value: value, time: WallTime(millisecondsSince1970: time), at: at)
            let (confirmed, dropped) = track.gates[i].offer(reading, maximumPower: maximum)
            if let confirmed, track.accepted[i] != confirmed {
                track.accepted[i] = confirmed
                track.dirty = true
            }
            guard let dropped else { continue }
            rejectedCount += 1
            guard !track.reported.contains(i) else { continue }
            track.reported.insert(i)
            let index = EnergyIndex.allCases[i]
            let last = track.gates[i].accepted.map { " (last accepted \($0.value) Wh)" } ?? ""
            let detail = "\(index.label) \(dropped.value) Wh dropped: \(dropped.reason.rawValue)\(last); further drops of this index are counted, not logged"
            note(time, meter, "index-rejected", detail)
            messages.append("meter '\(meter)': \(detail)")
        }
    }

    private mutating func notices(_ track: inout MeterTrack, meter: String, state: MeterState, time: Int64) {
        if let tomorrow = state.tempoTomorrow, tomorrow != track.tempoTomorrow {
            note(time, meter, "tempo-tomorrow", "tomorrow is \(tomorrow)")
        }
        track.tempoTomorrow = state.tempoTomorrow
        for (flag, kind, now) in [(\MeterTrack.ejpNotice, "ejp-notice", state.ejpNotice),
                                  (\MeterTrack.ejpPeak, "ejp-peak", state.ejpPeak),
                                  (\MeterTrack.overpower, "overpower", state.overpower)] where track[keyPath: flag] != now {
            track[keyPath: flag] = now
            note(time, meter, kind, now ? "start" : "end")
        }
    }

    // MARK: - Series

    private mutating func start(_ track: inout MeterTrack, meter: String, address: String, mode: String, tariff: String?, time: Int64) {
        track = MeterTrack(ejpNotice: track.ejpNotice, ejpPeak: track.ejpPeak, overpower: track.overpower, tempoTomorrow: track.tempoTomorrow)
        if let point = resume.removeValue(forKey: meter), point.series.address == address, point.series.mode == mode,
           point.series.tariff == nil || tariff == nil || point.series.tariff == tariff {
            track.series = point.series
            for (i, value) in point.values.enumerated() {
                guard let value else { continue }
                track.gates[i] = IndexGate(accepted: .init(value: value, time: WallTime(millisecondsSince1970: point.time), at: nil))
                track.accepted[i] = value
            }
            return
        }
        let row = SeriesRow(id: nextSeriesID, meter: meter, address: address, mode: mode, tariff: tariff, started: time)
        nextSeriesID += 1
        batch.series.append(row)
        track.series = row
    }

    /// Ends the current minute and snapshots what changed; `keepSeries` for a flush that goes on.
    private mutating func close(_ track: inout MeterTrack, time: Int64, keepSeries: Bool = false) {
        guard let series = track.series else { return }
        if let minute = track.minute { batch.power.append(minute.row(series: series.id)) }
        track.minute = nil
        if track.dirty { snapshot(&track, time: time, reason: .flush) }
        if !keepSeries { track.series = nil }
    }

    private mutating func snapshot(_ track: inout MeterTrack, time: Int64, reason: SnapshotRow.Reason) {
        guard let series = track.series else { return }
        batch.snapshots.append(SnapshotRow(series: series.id, time: time, localHour: calendar.localHour(time),
                                           period: track.period, reason: reason, values: track.accepted))
        track.dirty = false
    }

    private mutating func note(_ time: Int64, _ meter: String?, _ kind: String, _ detail: String) {
        batch.events.append(EventRow(time: time, meter: meter, kind: kind, detail: detail))
    }
}

/// A meter's recording state between frames.
struct MeterTrack: Sendable {
    var series: SeriesRow?
    var gates = [IndexGate](repeating: IndexGate(), count: EnergyIndex.count)
    var accepted = [Int?](repeating: nil, count: EnergyIndex.count)
    /// Accepted values changed since the last snapshot.
    var dirty = false
    var minute: MinuteAccumulator?
    var lastQuarter: Int64?
    /// Time of the last frame (whose readings the next frame confirms).
    var lastFrameTime: Int64?
    var period: String?
    var reported: Set<Int> = []
    var totals = TotalCheck()
    var ejpNotice = false, ejpPeak = false, overpower = false
    var tempoTomorrow: TempoColor?
}

/// Where a database left off, so a restart continues each meter's series (``HistoryStore/resumePoints(meters:)``).
public struct HistoryResume: Sendable {
    public var nextSeriesID: Int64
    public var lastSeries: [String: ResumePoint]

    public init(nextSeriesID: Int64 = 1, lastSeries: [String: ResumePoint] = [:]) {
        self.nextSeriesID = nextSeriesID
        self.lastSeries = lastSeries
    }
}

/// A meter's last series and its last snapshot.
public struct ResumePoint: Sendable {
    public var series: SeriesRow
    public var values: [Int?]
    /// ms since 1970 (UTC) of the snapshot.
    public var time: Int64
}
