import History

/// InfluxDB line protocol (docs.influxdata.com, "Line protocol reference", v1.6 and v2): one point per
/// line, `measurement[,tag=value…] field=value[,…] timestamp`, here with millisecond timestamps
/// (`precision=ms` on the write request).
///
/// Escaping, as the reference's "Special characters" section states it:
/// - measurement: comma and space get a backslash;
/// - tag keys, tag values and field keys: comma, equals sign and space get a backslash;
/// - string field values: in double quotes, with double quote and backslash escaped.
/// Line protocol cannot carry a newline in a tag or field value: each becomes a space (an escaped
/// space in keys). A tag value may not be empty: the tag is left out. InfluxDB 1.6 refuses every
/// key or tag value that ends with a backslash, escaped or not ("invalid tag format", checked against
/// the real server): trailing backslashes are dropped. A backslash elsewhere is kept as written.
public enum InfluxLineProtocol {
    /// `measurement` escaped for the measurement position.
    public static func measurement(_ text: String) -> String {
        escape(text, [",", " "])
    }

    /// A tag key, tag value or field key.
    public static func key(_ text: String) -> String {
        var text = Substring(text)
        while text.hasSuffix("\\") { text = text.dropLast() }
        return escape(String(text), [",", "=", " "])
    }

    /// A string field value, quoted.
    public static func string(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }

    private static func escape(_ text: String, _ special: Set<Character>) -> String {
        guard text.contains(where: { special.contains($0) || $0.isNewline }) else { return text }
        var out = ""
        for character in text {
            if character.isNewline { out += "\\ "; continue }
            if special.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// One point: tags sorted by key (the order InfluxDB stores them in, its performance advice), nil
    /// or empty tag values left out, nil fields left out. Nil when no field is left (a point needs one).
    public static func line(measurement name: String, tags: [(String, String?)], fields: [(String, FieldValue?)], milliseconds: Int64) -> String? {
        var line = measurement(name)
        for (tag, value) in tags.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) {
            guard let value else { continue }
            let (escapedKey, escapedValue) = (key(tag), key(value))
            guard !escapedKey.isEmpty, !escapedValue.isEmpty else { continue }
            line += "," + escapedKey + "=" + escapedValue
        }
        var separator = " "
        for (field, value) in fields {
            let escapedKey = key(field)
            guard let value, !escapedKey.isEmpty else { continue }
            line += separator + escapedKey + "=" + value.text
            separator = ","
        }
        guard separator == "," else { return nil }
        return line + " " + String(milliseconds)
    }

    /// A field's value: integers get InfluxDB's `i` suffix (stored as int64, never as a float).
    public enum FieldValue: Sendable, Hashable {
        case integer(Int)
        case string(String)

        var text: String {
            switch self {
            case .integer(let value): "\(value)i"
            case .string(let value): InfluxLineProtocol.string(value)
            }
        }
    }
}
