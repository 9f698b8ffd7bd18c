/// The normal screens: one meter (128x64, 128x32) and the list of two or three meters (128x64).
extension Dashboard {
    /// 128x64, one meter:
    /// ```
    ///  y 0  period (6x10)                     time | page
    ///  y11  ──────────────────────────────────────
    ///  y14  2 345 VA (big digits)        [gauge vs subscribed]
    ///  y30  info: Tempo today/tomorrow, injection, EJP (6x10)
    ///  y44  outputs ●on ○off ×shed !fail-safe (5x7)
    ///  y56  signal (5x7)                         TIC mode
    /// ```
    static func drawMeter(_ meter: DisplayStatus.Meter, position: (Int, Int)?, status: DisplayStatus, into frame: inout Framebuffer) {
        let state = meter.state
        let right = frame.width - 1
        var header = DisplayText.period(state.period, option: state.tariffOption)
        if let label = positionLabel(position) { header = DisplayText.truncated(meter.name, to: 8) + " " + label }
        frame.drawText(DisplayText.truncated(header, to: 15), x: 0, y: 0, font: text)
        frame.drawText(status.localTime.description, right: right, y: 0, font: text)
        frame.drawHorizontalLine(x: 0, y: 11, length: right)

        let afterPower = drawBigPower(state.apparentPower, x: 0, y: 14, into: &frame)
        if let subscribed = state.subscribedPower, afterPower < 88 {
            drawGauge(value: state.apparentPower?.value ?? 0, maximum: subscribed.value, x: 92, y: 15, width: right - 92, height: 7, into: &frame)
            frame.drawText("\(DisplayText.number(subscribed.value / 1000)) kVA", right: right, y: 22, font: small)
        }
        if position != nil {
            frame.drawText(DisplayText.truncated(DisplayText.period(state.period, option: state.tariffOption), to: 21), x: 0, y: 31, font: text)
        } else if let info = infoLine(state) {
            draw(info, x: 0, y: 30, font: text, into: &frame)
        }
        drawOutputs(status.outputs, x: 0, y: 45, width: right, into: &frame)
        frame.drawText(DisplayText.signal(meter.signal), x: 0, y: 56, font: small)
        if let mode = state.mode {
            frame.drawText(mode == .standard ? "TIC std" : "TIC hist", right: right, y: 56, font: small)
        }
    }

    /// 128x32, one meter — what matters: the power, the period, today's and tomorrow's colour (or
    /// injection), the signal and the time.
    /// ```
    ///  y 0  2 345 VA (big digits)                HP
    ///  y17  Auj BLEU Dem ROUGE | ↑ Injection 1 230 VA (5x7)
    ///  y24  signal | page                     14:32
    /// ```
    static func drawCompactMeter(_ meter: DisplayStatus.Meter, position: (Int, Int)?, status: DisplayStatus, into frame: inout Framebuffer) {
        let state = meter.state
        let right = frame.width - 1
        drawBigPower(state.apparentPower, x: 0, y: 0, into: &frame)
        frame.drawText(DisplayText.shortPeriod(state.period), right: right, y: 2, font: text)
        if let info = infoLine(state) { draw(info, x: 0, y: 16, font: small, into: &frame) }
        var bottom = DisplayText.signal(meter.signal)
        if let label = positionLabel(position) { bottom = DisplayText.truncated(meter.name, to: 10) + " " + label }
        frame.drawText(bottom, x: 0, y: 24, font: small)
        frame.drawText(status.localTime.description, right: right, y: 24, font: small)
    }

    /// 128x64, two or three meters: a block of 18 rows each, outputs and time at the bottom.
    /// ```
    ///  y 0  maison              2 345 VA   (6x10)
    ///  y10  HP Bleu · dem ROUGE            (5x7)
    ///  y18  next meter…
    ///  y56  outputs                   14:32
    /// ```
    static func drawMeterList(_ status: DisplayStatus, into frame: inout Framebuffer) {
        let right = frame.width - 1
        for (index, meter) in status.meters.prefix(3).enumerated() {
            let y = index * 18
            let state = meter.state
            let power = DisplayText.power(state.apparentPower)
            frame.drawText(power, right: right, y: y, font: text)
            let nameWidth = (right - text.width(of: power)) / text.width - 1
            frame.drawText(DisplayText.truncated(meter.name, to: nameWidth), x: 0, y: y, font: text)
            var detail = DisplayText.period(state.period, option: state.tariffOption)
            if state.isProducer {
                detail += " ↑" + DisplayText.power(state.injectedPower)
            } else if let tomorrow = state.tempoTomorrow {
                detail += " · dem " + DisplayText.color(tomorrow)
            }
            frame.drawText(DisplayText.truncated(detail, to: 25), x: 0, y: y + 10, font: small)
        }
        drawOutputs(status.outputs, x: 0, y: 56, width: right - 30, into: &frame)
        frame.drawText(status.localTime.description, right: right, y: 56, font: small)
    }
}
