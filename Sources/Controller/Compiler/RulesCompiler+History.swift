import Foundation
import Yams

extension RulesCompiler {
    static let historyKeys = ["path", "keep-minutes", "commit-every", "time-zone"]

    /// `history: { path, keep-minutes, commit-every, time-zone }` or `history: off` (issue 9). Absent:
    /// every default (``HistoryConfig``), so `linkyd run` records.
    mutating func compileHistory(_ node: Node?, key: Node?) -> HistoryConfig {
        guard let node else { return HistoryConfig() }
        var config = HistoryConfig(location: key.map(Self.location(of:)) ?? .start)
        if let text = node.scalar?.string {
            if text == "off" { config.enabled = false; return config }
            if text == "on" { return config }
        }
        guard let fields = fields(of: node, in: "'history'", allowed: Self.historyKeys,
                                  hint: "write history: off, or a mapping such as history: { path: /var/lib/linkyd/history.sqlite }")
        else { return config }
        if let entry = fields["path"], let path = text(entry.value, expected: "a file path") {
            if path.hasSuffix("/") {
                error(at: entry.value, "history path '\(path)' is a directory", hint: "name the file, e.g. \(path)history.sqlite")
            } else {
                config.path = path
            }
        }
        if let entry = fields["keep-minutes"], let value = value(entry.value, expected: "a duration such as 400 days", Self.longDuration) {
            if value < .seconds(86_400) {
                error(at: entry.value, "minute rows kept less than a day would be rolled up before the hourly row is complete",
                      hint: "write 1 day or more (default 400 days); hourly rows are kept for ever anyway")
            } else {
                config.keepMinutes = value
            }
        }
        if let entry = fields["commit-every"], let value = value(entry.value, expected: "a duration such as 5 min", Self.longDuration) {
            if value < .seconds(1) {
                error(at: entry.value, "a commit more often than every second wears the SD card for nothing",
                      hint: "write 5 min (the default); 1 min costs about 5 times the writes")
            } else {
                if value < .seconds(60) {
                    warning(at: entry.value, "commits more often than once a minute multiply the writes to the SD card",
                            hint: "the README's History section gives the bytes written per day for each interval")
                }
                config.commitEvery = value
            }
        }
        if let entry = fields["time-zone"], let zone = text(entry.value, expected: "a time zone such as Europe/Paris") {
            if TimeZone(identifier: zone) == nil {
                error(at: entry.value, "unknown time zone '\(zone)'", hint: "write an IANA name such as Europe/Paris (see /usr/share/zoneinfo)")
            } else {
                config.timeZone = zone
            }
        }
        return config
    }

    /// A duration that may be written in days too: `400 days`, `2 d`, or any ``ValueSyntax/duration(_:)``.
    static func longDuration(_ text: String) -> Result<Duration, ValueProblem> {
        if let quantity = DecimalQuantity(text), ["d", "day", "days"].contains(quantity.unit.lowercased()) {
            guard !quantity.isNegative else { return .failure(ValueProblem("duration '\(text)' is negative")) }
            return .success(.milliseconds(Int64(quantity.thousandths) * 86_400))
        }
        return ValueSyntax.duration(text).mapError {
            ValueProblem($0.message, hint: ($0.hint ?? ValueSyntax.durationExamples) + ", or days: 400 days")
        }
    }
}
