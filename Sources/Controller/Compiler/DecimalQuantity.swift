/// A number and its unit as written in a rules file: `6.5 kVA`, `30s`, `95 %`, `-2 min`. The number is
/// kept exactly, in thousandths, so `8.5 kVA` is 8500 VA with no floating point.
struct DecimalQuantity: Sendable, Hashable {
    var thousandths: Int
    var unit: String
    var number: String

    var isNegative: Bool { thousandths < 0 }
    var isWhole: Bool { thousandths % 1000 == 0 }
    var whole: Int { thousandths / 1000 }

    /// Nil when the text does not start with a number (after an optional sign). At most 3 decimals.
    init?(_ text: String) {
        let trimmed = Array(text.trimmingSpaces)
        var index = 0
        var negative = false
        if index < trimmed.count, trimmed[index] == "-" || trimmed[index] == "+" {
            negative = trimmed[index] == "-"
            index += 1
        }
        var integer = 0, digits = 0
        while index < trimmed.count, let digit = trimmed[index].wholeNumberValue, trimmed[index].isASCII {
            guard integer < 1_000_000_000 else { return nil }
            integer = integer * 10 + digit
            digits += 1
            index += 1
        }
        var fraction = 0, fractionDigits = 0
        if index < trimmed.count, trimmed[index] == "." || trimmed[index] == "," {
            index += 1
            while index < trimmed.count, let digit = trimmed[index].wholeNumberValue, trimmed[index].isASCII {
                guard fractionDigits < 3 else { return nil }
                fraction = fraction * 10 + digit
                fractionDigits += 1
                index += 1
            }
        }
        guard digits + fractionDigits > 0 else { return nil }
        while fractionDigits < 3 {
            fraction *= 10
            fractionDigits += 1
        }
        let magnitude = integer * 1000 + fraction
        number = String(trimmed[..<index]).trimmingSpaces
        thousandths = negative ? -magnitude : magnitude
        unit = String(trimmed[index...]).trimmingSpaces
    }

    /// A thousandths value as a short decimal: 8500 → "8.5", 6000 → "6".
    static func format(thousandths: Int) -> String {
        let whole = thousandths / 1000, fraction = abs(thousandths % 1000)
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
