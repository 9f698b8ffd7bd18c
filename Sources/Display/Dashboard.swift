/// The OLED's screens, drawn from a ``DisplayStatus``: a pure function of its inputs.
///
/// - An alert in force takes over the screen (``DisplayStatus/alerts``); several alerts take turns
///   with ``RenderCycle/page``. Critical alerts (signal lost, overpower, shedding) invert the whole
///   screen on ``RenderCycle/flash``; the others invert their title banner.
/// - Otherwise, one meter: its power in big digits, the period, Tempo/EJP/injection, the outputs and
///   the signal. Two or three meters on a 128x64 panel: one block per meter. More meters, or several
///   on a 128x32 panel: one page per meter, turning with ``RenderCycle/page``.
/// - The picture then moves by the burn-in offset of ``DisplaySettings/pixelShift(minute:)``;
///   layouts leave the last column and row free for it.
///
/// Rotation and contrast are the driver's business (``SSD1306``), not the picture's.
public enum Dashboard {
    public static func render(
        _ status: DisplayStatus, size: PanelSize, settings: DisplaySettings = .standard, cycle: RenderCycle = RenderCycle()
    ) -> Framebuffer {
        var frame = Framebuffer(size: size)
        let alerts = status.alerts
        let page = max(cycle.page, 0)
        if !alerts.isEmpty {
            let index = page % alerts.count
            let alert = alerts[index]
            drawAlert(alert, position: (index, alerts.count), status: status, flash: cycle.flash, into: &frame)
            if alert.isCritical && cycle.flash { frame.invertAll() }
        } else if status.meters.isEmpty {
            frame.drawText("Aucun compteur", centredIn: 0, width: size.width - 1, y: size.height / 2 - 5, font: text)
        } else if size == .size128x64 && (2...3).contains(status.meters.count) {
            drawMeterList(status, into: &frame)
        } else {
            let index = page % status.meters.count
            let position = status.meters.count > 1 ? (index, status.meters.count) : nil
            if size == .size128x64 {
                drawMeter(status.meters[index], position: position, status: status, into: &frame)
            } else {
                drawCompactMeter(status.meters[index], position: position, status: status, into: &frame)
            }
        }
        let shift = settings.pixelShift(minute: cycle.minute)
        return frame.shifted(dx: shift.dx, dy: shift.dy)
    }

    /// `2/3`, for pages and alerts that take turns.
    static func positionLabel(_ position: (Int, Int)?) -> String? {
        position.map { "\($0.0 + 1)/\($0.1)" }
    }
}
