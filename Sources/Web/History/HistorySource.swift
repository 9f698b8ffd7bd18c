import Controller
import Foundation
import History
import Synchronization

/// Where the energy and power pages and `/api/energy`, `/api/power` read: the history that
/// `linkyd run` records (``HistoryConfig``: its file and time zone) and the rules file's prices.
///
/// The file is opened at the first request that needs it, never created (until the recorder has
/// made it, the API answers 503 with what to do), and kept open. Reads go through the store's
/// ``HistoryStore`` pool: WAL readers, which neither wait for the recorder's transactions nor
/// delay them — the web server can never slow the recording, let alone the control.
public final class HistorySource: Sendable {
    public let path: String
    public let calendar: LocalCalendar
    /// The prices at start; the web server uses those of the rules in force (reloads), falling back
    /// on these before the controller's first status.
    public let prices: PriceSchedule
    private let store = Mutex<HistoryStore?>(nil)

    public init(path: String, calendar: LocalCalendar, prices: PriceSchedule) {
        self.path = path
        self.calendar = calendar
        self.prices = prices
    }

    /// The rules' `history:` (nil when it is off) and `prices:`.
    public convenience init?(config: HistoryConfig, prices: PriceSchedule) {
        guard config.enabled else { return nil }
        self.init(path: config.path,
                  calendar: LocalCalendar(identifier: config.timeZone) ?? LocalCalendar(zone: .gmt), prices: prices)
    }

    /// The open store, opening it now if needed (without creating the file).
    func open() throws(HistoryError) -> HistoryStore {
        if let store = store.withLock({ $0 }) { return store }
        let opened = try HistoryStore.open(path: path, create: false)
        store.withLock { $0 = opened }
        return opened
    }

    /// Today in the history's time zone.
    func today(now: Date = Date()) -> CalendarDate {
        calendar.local(Int64(now.timeIntervalSince1970 * 1000)).date
    }

    /// `2026-01-15T14:05:00+01:00`: an instant (ms since 1970, UTC) in the history's time zone.
    func iso8601(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let offset = calendar.zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let (date, hour, minute) = calendar.local(milliseconds)
        let second = Int((seconds % 60 + 60) % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        return "\(date)T\(two(hour)):\(two(minute)):\(two(second))\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) / 60 % 60))"
    }
}
