import Controller
import Logging

/// The recorder and its database, as `linkyd run` and `linkyd simulate --record` use them: events in,
/// one transaction per `commit-every` of controller time (``HistoryConfig/commitEvery``). Opening the
/// history is tried at the first commit and again at each later one: a history that cannot be
/// opened or written (disk full, read-only, corrupt, newer schema) is logged once with its hint,
/// its rows wait in memory (at most ``maximumPendingRows``), and nothing else is affected.
public struct HistoryWriter: Sendable {
    public let config: HistoryConfig
    public let meters: [String]
    public private(set) var recorder: HistoryRecorder
    public private(set) var store: HistoryStore?
    /// The last failure, logged once until the history works again.
    public private(set) var failure: HistoryError?
    public private(set) var committed = 0
    public static let maximumPendingRows = 200_000
    private var lastCommit: Duration?
    private var triedOpen = false
    private let logger: Logger?

    public init(config: HistoryConfig, meters: [String], logger: Logger?) {
        self.config = config
        self.meters = meters
        self.logger = logger
        let calendar = LocalCalendar(identifier: config.timeZone) ?? LocalCalendar(identifier: HistoryConfig.defaultTimeZone)
        recorder = HistoryRecorder(calendar: calendar ?? LocalCalendar(zone: .gmt))
    }

    /// Opens the history now (else at the first commit); false, logged, when it cannot be.
    @discardableResult
    public mutating func open() -> Bool {
        if store != nil { return true }
        let retry = triedOpen
        triedOpen = true
        do {
            let opened = try HistoryStore.open(path: config.path)
            let resume = try opened.resumePoints(meters: meters)
            // Rows recorded before the file could be opened refer to series ids it may already use.
            if retry, recorder.pendingRows > 0 { _ = recorder.takeBatch() }
            recorder = HistoryRecorder(calendar: recorder.calendar, resume: resume)
            store = opened
            if failure != nil { logger?.notice("history \(config.path): open again, recording") }
            failure = nil
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// Records one event; true when a commit is due (`commit-every` of controller time since the last).
    public mutating func record(_ event: ControllerEvent) -> Bool {
        if !triedOpen { open() }
        recorder.record(event)
        for message in recorder.takeMessages() { logger?.warning("\(message)") }
        guard let lastCommit else {
            self.lastCommit = event.at
            return false
        }
        return event.at - lastCommit >= config.commitEvery
    }

    /// Writes what waits, in one transaction (`final`: the current minutes and last snapshots too).
    public mutating func commit(final: Bool = false, at now: Duration? = nil) {
        if let now { lastCommit = now }
        guard open(), let store else {
            if recorder.pendingRows > Self.maximumPendingRows {
                _ = recorder.takeBatch()
                logger?.error("history \(config.path): \(Self.maximumPendingRows) rows dropped while the history cannot be written")
            }
            return
        }
        let batch = recorder.takeBatch(final: final)
        do {
            try store.write(batch, keepMinutes: config.keepMinutes, calendar: recorder.calendar)
            committed += 1
            if failure != nil { logger?.notice("history \(config.path): writing again") }
            failure = nil
        } catch {
            report(error)
            // Keep the rows for the next commit: re-record them (the recorder's state moved on).
            pendingAfterFailure.append(batch)
        }
        if failure == nil, !pendingAfterFailure.isEmpty {
            retryPending(store)
        }
    }

    private var pendingAfterFailure: [HistoryBatch] = []

    private mutating func retryPending(_ store: HistoryStore) {
        while let batch = pendingAfterFailure.first {
            do { try store.write(batch, keepMinutes: config.keepMinutes, calendar: recorder.calendar) } catch { report(error); return }
            pendingAfterFailure.removeFirst()
        }
    }

    private mutating func report(_ error: HistoryError) {
        if failure?.description != error.description {
            logger?.error("\(error) (the outputs are controlled as usual)")
        }
        failure = error
    }
}
