import TIC

/// The pieces screens are made of. Fonts: `small` 5x7, `text` 6x10, `digits` 10x20 (cropped).
extension Dashboard {
    static let small = BitmapFont.fixed5x7
    static let text = BitmapFont.fixed6x10
    static let digits = BitmapFont.digits10x20
    /// The gap between thousands in big numbers (narrower than a digit cell).
    static let thousandsGap = 4

    /// Width of ``drawBigPower(_:x:y:into:)``'s number part.
    static func bigNumberWidth(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1 == " " ? thousandsGap : digits.width) }
    }

    /// Apparent power in big digits with a 6x10 `VA` on the same baseline; returns the x after it.
    @discardableResult
    static func drawBigPower(_ power: VoltAmperes?, x: Int, y: Int, into frame: inout Framebuffer) -> Int {
        let number = DisplayText.number(power?.value)
        var cursor = x
        for character in number {
            if character == " " {
                cursor += thousandsGap
            } else {
                cursor = frame.drawText(String(character), x: cursor, y: y, font: digits)
            }
        }
        let baseline = y + digits.ascent
        return frame.drawText("VA", x: cursor + 2, y: baseline - text.ascent, font: text)
    }

    /// Inverse text: a lit box with the text unlit inside, one pixel of margin around the capitals.
    /// Returns the x after the box.
    @discardableResult
    static func drawBadge(_ label: String, x: Int, y: Int, font: BitmapFont, into frame: inout Framebuffer) -> Int {
        let width = font.width(of: label) + 1
        frame.drawRect(x: x, y: y, width: width + 1, height: font.ascent + 2, filled: true)
        frame.drawText(label, x: x + 1, y: y + 1, font: font, lit: false)
        return x + width + 1
    }

    /// A gauge of `value` out of `maximum`: an outline `width` × `height` filled in proportion.
    static func drawGauge(value: Int, maximum: Int, x: Int, y: Int, width: Int, height: Int, into frame: inout Framebuffer) {
        frame.drawRect(x: x, y: y, width: width, height: height)
        guard maximum > 0 else { return }
        let inner = width - 4
        let filled = min(max(value, 0) * inner / maximum, inner)
        frame.drawRect(x: x + 2, y: y + 2, width: filled, height: height - 4, filled: true)
    }

    /// The outputs as a row of small labels: `●name` on, `○name` off, `×name` shed, `!name` fail-safe.
    /// Names are shortened so that every output fits in `width`.
    static func drawOutputs(_ outputs: [DisplayStatus.Output], x: Int, y: Int, width: Int, into frame: inout Framebuffer) {
        guard !outputs.isEmpty else { return }
        let perOutput = max(width / small.width / outputs.count - 1, 2)
        var cursor = x
        for output in outputs {
            let mark: String = switch output.reason {
            case .shedding where !output.isOn: "×"
            case .failsafe: "!"
            default: output.isOn ? "●" : "○"
            }
            let label = mark + DisplayText.truncated(output.name, to: perOutput - 1)
            cursor = frame.drawText(label, x: cursor, y: y, font: small) + small.width
        }
    }

    /// The Tempo line: `Auj` today's colour, `Dem` tomorrow's, colours as badges.
    static func drawTempo(today: TempoColor?, tomorrow: TempoColor?, x: Int, y: Int, font: BitmapFont, into frame: inout Framebuffer) {
        var cursor = frame.drawText("Auj", x: x, y: y + 1, font: font) + 2
        cursor = drawBadge(DisplayText.color(today), x: cursor, y: y, font: font, into: &frame) + font.width
        cursor = frame.drawText("Dem", x: cursor, y: y + 1, font: font) + 2
        if let tomorrow {
            drawBadge(DisplayText.color(tomorrow), x: cursor, y: y, font: font, into: &frame)
        } else {
            frame.drawText("?", x: cursor + 1, y: y + 1, font: font)
        }
    }

    /// The most useful second line for a meter: injection for a producer, Tempo colours, EJP state,
    /// else the subscribed power. `nil` when there is nothing to say.
    static func infoLine(_ state: MeterState) -> InfoLine? {
        if state.isProducer { return .text("↑ Injection " + DisplayText.power(state.injectedPower)) }
        if state.tariffOption == .tempo || state.tempoToday != nil {
            return .tempo(today: state.tempoToday, tomorrow: state.tempoTomorrow)
        }
        if state.tariffOption == .ejp { return .text(state.ejpNotice ? "EJP : préavis" : "EJP : jour normal") }
        if let subscribed = state.subscribedPower { return .text("Souscrit " + DisplayText.power(subscribed)) }
        return nil
    }

    enum InfoLine {
        case text(String)
        case tempo(today: TempoColor?, tomorrow: TempoColor?)
    }

    static func draw(_ line: InfoLine, x: Int, y: Int, font: BitmapFont, into frame: inout Framebuffer) {
        switch line {
        case .text(let value): frame.drawText(value, x: x, y: y + 1, font: font)
        case .tempo(let today, let tomorrow): drawTempo(today: today, tomorrow: tomorrow, x: x, y: y, font: font, into: &frame)
        }
    }
}
