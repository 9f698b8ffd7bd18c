/// The `history:` section of the rules file (issue 9): where `linkyd run` keeps its SQLite history and
/// how often it writes. Every field has a default, so a file without the section records to
/// ``defaultPath``.
///
/// ```yaml
/// history:
///   path: /var/lib/linkyd/history.sqlite
///   keep-minutes: 400 days     # 1-minute power rows; hourly rows, energy and events are kept forever
///   commit-every: 5 min        # one transaction per interval (SIGTERM flushes)
///   time-zone: Europe/Paris    # local days of reports (the meter's legal time)
/// ```
/// `history: off` disables recording.
public struct HistoryConfig: Sendable, Hashable {
    public static let defaultPath = "/var/lib/linkyd/history.sqlite"
    public static let defaultKeepMinutes: Duration = .seconds(400 * 86_400)
    public static let defaultCommitEvery: Duration = .seconds(300)
    /// French meters keep French legal time (tic-protocol.md §6.3): their days are Paris days.
    public static let defaultTimeZone = "Europe/Paris"

    /// False with `history: off`.
    public var enabled: Bool
    /// The SQLite file (its `-wal` and `-shm` companions live next to it).
    public var path: String
    /// How long 1-minute power rows are kept before only their hourly roll-up remains.
    public var keepMinutes: Duration
    /// Rows wait in memory this long, then go in one transaction (the SD card's wear).
    public var commitEvery: Duration
    /// IANA zone of the local calendar (days, months) the history buckets energy in.
    public var timeZone: String
    public var location: SourceLocation

    public init(enabled: Bool = true, path: String = HistoryConfig.defaultPath,
                keepMinutes: Duration = HistoryConfig.defaultKeepMinutes,
                commitEvery: Duration = HistoryConfig.defaultCommitEvery,
                timeZone: String = HistoryConfig.defaultTimeZone, location: SourceLocation = .start) {
        self.enabled = enabled
        self.path = path
        self.keepMinutes = keepMinutes
        self.commitEvery = commitEvery
        self.timeZone = timeZone
        self.location = location
    }
}
