import TIC

/// The French words and number formats of the screens (the meter, its tariffs and its users are
/// French; the font has the accents).
enum DisplayText {
    /// `2 345` with a space between thousands; `----` when unknown.
    static func number(_ value: Int?) -> String {
        guard let value else { return "----" }
        let digits = String(abs(value))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(" ") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `2 345 VA`, `---- VA`.
    static func power(_ power: VoltAmperes?) -> String { number(power?.value) + " VA" }

    /// The period as a person reads it on a wide line: "Heures pleines", "HP Bleu", "EJP pointe".
    static func period(_ period: TariffPeriod?, option: TariffOption?) -> String {
        guard let period else {
            return option == .producer ? "Producteur" : "Période inconnue"
        }
        switch period {
        case .base: return "Base"
        case .hc: return "Heures creuses"
        case .hp: return "Heures pleines"
        case .hn: return "EJP normal"
        case .pm: return "EJP pointe"
        case .hcBlue: return "HC Bleu"
        case .hpBlue: return "HP Bleu"
        case .hcWhite: return "HC Blanc"
        case .hpWhite: return "HP Blanc"
        case .hcRed: return "HC Rouge"
        case .hpRed: return "HP Rouge"
        }
    }

    /// Two to four letters for narrow places: "HP", "HC", "PM" (Tempo colours are shown apart).
    static func shortPeriod(_ period: TariffPeriod?) -> String {
        guard let period else { return "--" }
        switch period {
        case .base: return "BASE"
        case .hc: return "HC"
        case .hp: return "HP"
        case .hn: return "HN"
        case .pm: return "PM"
        case .hcBlue, .hcWhite, .hcRed: return "HC"
        case .hpBlue, .hpWhite, .hpRed: return "HP"
        }
    }

    static func color(_ color: TempoColor?) -> String {
        switch color {
        case .blue: "BLEU"
        case .white: "BLANC"
        case .red: "ROUGE"
        case nil: "?"
        }
    }

    /// `45 s`, `12 min`, `3 h 05`, `4 j`.
    static func duration(_ duration: Duration) -> String {
        let seconds = max(Int(duration.components.seconds), 0)
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min" }
        if seconds < 48 * 3600 {
            let minutes = seconds / 60 % 60
            return "\(seconds / 3600) h " + (minutes < 10 ? "0" : "") + "\(minutes)"
        }
        return "\(seconds / 86_400) j"
    }

    /// The signal state on one line: "Signal OK", "Signal perdu 12 min", "Pas de signal".
    static func signal(_ signal: DisplayStatus.Signal) -> String {
        switch signal {
        case .ok: "Signal OK"
        case .waiting: "Pas de signal"
        case .lost(let since): "Signal perdu " + duration(since)
        }
    }

    /// `text` cut to `count` characters, the last one replaced by `…` when cut.
    static func truncated(_ text: String, to count: Int) -> String {
        guard text.count > count, count > 0 else { return text }
        return String(text.prefix(count - 1)) + "…"
    }

    /// `text` broken into lines of at most `width` characters, at spaces where possible.
    static func wrapped(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = truncated(lines[maxLines - 1] + " …", to: width)
        }
        return lines
    }
}
