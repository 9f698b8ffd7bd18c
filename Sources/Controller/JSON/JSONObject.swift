/// A JSON object written with its keys in insertion order, one line (JSON Lines): `linkyd decode --json`,
/// the MQTT states (issue 11).
public struct JSONObject: Sendable, Hashable {
    public init() {}

    private var members: [String] = []
    private var keys: [String] = []

    public mutating func add(_ key: String, _ value: JSONValue) {
        members.append("\(JSONObject.quote(key)):\(value.text)")
        keys.append(key)
    }

    /// Replaces the value of `key` where it is (adds it at the end when absent).
    public mutating func set(_ key: String, _ value: JSONValue) {
        guard let index = keys.firstIndex(of: key) else { return add(key, value) }
        members[index] = "\(JSONObject.quote(key)):\(value.text)"
    }

    public var line: String { "{" + members.joined(separator: ",") + "}" }

    public static func quote(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// One JSON value; numbers are integers except ``double(_:)`` (written with up to 3 decimals).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    case double(Double)

    public static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    public var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): JSONObject.quote(s)
        case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
        case .object(let object): object.line
        case .double(let d): JSONValue.decimal(d)
        }
    }
}

extension JSONValue {
    /// `d` with at most 3 decimals, no exponent, no trailing zeros (`0.8`, `12`, `-1.25`); null when not finite.
    static func decimal(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let thousandths = Int64((d * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 1000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
