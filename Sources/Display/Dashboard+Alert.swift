import TIC

/// Alert screens: a title banner, then what happened and since when, then the power and time.
extension Dashboard {
    /// What an alert screen says.
    struct AlertContent {
        var title: String
        /// Drawn in big digits under the banner (overpower).
        var bigPower: VoltAmperes?
        /// 6x10 lines (the first one is the only one a 128x32 panel shows).
        var lines: [String] = []
        /// 5x7 lines under them (128x64 only).
        var details: [String] = []
        /// The one line a 128x32 panel shows under the title (default: the first 6x10 line).
        var compactLine: String?
    }

    /// The content of `alert`, every line cut to what its font fits on 128 pixels (21 / 25 characters).
    static func content(of alert: DisplayAlert, status: DisplayStatus) -> AlertContent {
        var content = fullContent(of: alert, status: status)
        content.lines = content.lines.map { DisplayText.truncated($0, to: 21) }
        content.details = content.details.map { DisplayText.truncated($0, to: 25) }
        content.compactLine = content.compactLine.map { DisplayText.truncated($0, to: 21) }
        return content
    }

    private static func fullContent(of alert: DisplayAlert, status: DisplayStatus) -> AlertContent {
        let several = status.meters.count > 1
        switch alert {
        case .signalLost(let meter, let since):
            let when = since.map { "depuis " + DisplayText.duration($0) } ?? "aucune trame reçue"
            return AlertContent(
                title: "SIGNAL PERDU", lines: [several ? "\(meter) : " + (since.map(DisplayText.duration) ?? "muet") : when],
                details: [several ? when : "compteur muet", "sorties en repli"])
        case .overpower(let meter, let power, let subscribed):
            let shed = status.shedOutputs.map(\.name)
            let limit = subscribed.map { "souscrit " + DisplayText.power($0) } ?? "au-delà du souscrit"
            return AlertContent(
                title: "DÉPASSEMENT", bigPower: power,
                lines: [DisplayText.number(power?.value) + " / " + (subscribed.map { DisplayText.number($0.value) } ?? "?") + " VA"],
                details: [several ? "\(meter) : \(limit)" : limit,
                          shed.isEmpty ? "réduisez la consommation" : "délesté : " + shed.joined(separator: ", ")])
        case .shedding(let outputs):
            return AlertContent(
                title: "DÉLESTAGE", lines: DisplayText.wrapped(outputs.joined(separator: ", "), width: 21, maxLines: 2),
                details: ["pour ne pas disjoncter"])
        case .ejpPeak(let meter):
            return AlertContent(
                title: "POINTE EJP", lines: ["Jour de pointe", "tarif très élevé"],
                details: [several ? "compteur \(meter)" : "réduisez la consommation"])
        case .ejpNotice(let meter, let minutes):
            return AlertContent(
                title: "PRÉAVIS EJP", lines: [minutes.map { "pointe dans \($0) min" } ?? "pointe annoncée"],
                details: [several ? "compteur \(meter)" : "jour de pointe à venir"])
        case .tempoRed(let meter):
            return AlertContent(
                title: "JOUR ROUGE", lines: ["Tempo : heures", "pleines rouges"],
                details: [several ? "compteur \(meter)" : "tarif le plus élevé"])
        case .reloadError(let message):
            return AlertContent(
                title: "ERREUR RÈGLES", details: DisplayText.wrapped(message, width: 25, maxLines: 3) + ["anciennes règles gardées"],
                compactLine: DisplayText.truncated(message, to: 21))
        case .message(let message):
            return AlertContent(title: "ALERTE", details: DisplayText.wrapped(message, width: 25, maxLines: 4),
                                compactLine: DisplayText.truncated(message, to: 21))
        }
    }

    static func drawAlert(_ alert: DisplayAlert, position: (Int, Int), status: DisplayStatus, flash: Bool, into frame: inout Framebuffer) {
        let content = content(of: alert, status: status)
        let right = frame.width - 1
        let compact = frame.size == .size128x32
        let bannerHeight = compact ? 12 : 13
        let emphasised = flash || alert.isCritical
        frame.drawRect(x: 0, y: 0, width: right, height: bannerHeight, filled: emphasised)
        let titleWidth = position.1 > 1 ? right - 20 : right
        frame.drawText(content.title, centredIn: 0, width: titleWidth, y: compact ? 1 : 2, font: text, lit: !emphasised)
        if let label = positionLabel(position), position.1 > 1 {
            frame.drawText(label, right: right - 2, y: compact ? 3 : 4, font: small, lit: !emphasised)
        }

        let main = status.meters.first?.state
        var footer = DisplayText.power(main?.apparentPower)
        if let period = main?.period { footer += "  " + DisplayText.shortPeriod(period) }
        if compact {
            frame.drawText(content.compactLine ?? content.lines.first ?? "", centredIn: 0, width: right, y: 13, font: text)
            frame.drawText(footer, x: 0, y: 24, font: small)
            frame.drawText(status.localTime.description, right: right, y: 24, font: small)
            return
        }
        var y = 16
        if let power = content.bigPower {
            let width = bigNumberWidth(DisplayText.number(power.value)) + 2 + text.width(of: "VA")
            drawBigPower(power, x: (right - width) / 2, y: y, into: &frame)
            y += 17
        } else {
            for line in content.lines.prefix(2) {
                frame.drawText(line, centredIn: 0, width: right, y: y, font: text)
                y += 11
            }
            y += 1
        }
        for line in content.details.prefix(max((54 - y) / 8, 0)) {
            frame.drawText(line, centredIn: 0, width: right, y: y, font: small)
            y += 8
        }
        frame.drawHorizontalLine(x: 0, y: 54, length: right)
        frame.drawText(footer, x: 0, y: 56, font: small)
        frame.drawText(status.localTime.description, right: right, y: 56, font: small)
    }
}
