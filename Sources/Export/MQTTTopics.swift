/// The topics linkyd publishes under its prefix (default `linkyd`), all retained unless said:
///
/// | topic | payload |
/// |---|---|
/// | `<prefix>/status` | `online` / `offline` (the last will sets `offline`) |
/// | `<prefix>/<meter>/state` | the keys of `linkyd decode --json`, `age_s` (age of the last frame), `signal_lost`; indexes as the history accepted them |
/// | `<prefix>/<meter>/power` | apparent/injected power, currents, voltages (at most every `power-interval`) |
/// | `<prefix>/<meter>/energy` | the last index snapshot of the history: `id`, `t` (ms), `period`, `indexes` by label (Wh) |
/// | `<prefix>/<meter>/event`, `<prefix>/event` | not retained: one history event (`id`, `t`, `kind`, `detail`) per message, in order |
/// | `<prefix>/output/<output>` | `state` (`on`/`off`), `reason` |
public struct MQTTTopics: Sendable, Hashable {
    public var prefix: String

    public init(prefix: String) { self.prefix = prefix }

    public var availability: String { "\(prefix)/status" }
    public func state(_ meter: String) -> String { "\(prefix)/\(meter)/state" }
    public func power(_ meter: String) -> String { "\(prefix)/\(meter)/power" }
    public func energy(_ meter: String) -> String { "\(prefix)/\(meter)/energy" }
    public func event(_ meter: String?) -> String { meter.map { "\(prefix)/\($0)/event" } ?? "\(prefix)/event" }
    public func output(_ output: String) -> String { "\(prefix)/output/\(output)" }

    /// Letters, digits, `_` and `-` only (unique ids, device ids).
    public static func sanitized(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            return ok ? Character(scalar) : "_"
        })
    }
}
