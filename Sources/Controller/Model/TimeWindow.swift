import TIC

// `TimeWindow` and `TimeOfDay` are TIC's (one local-time vocabulary for the rules, the OLED and
// the meter's clock); the rules test a window against the controller's `LocalTime`.
extension TimeWindow {
    public func contains(_ time: LocalTime) -> Bool { contains(minuteOfDay: time.minuteOfDay) }
}
