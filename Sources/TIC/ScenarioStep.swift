/// One step of a scenario script: from a given time, a number of frames whose meter state a
/// closure sets. Between steps the clock jumps forward (with energy integrated over the jump), so
/// a scenario can show a whole day in a few dozen frames.
struct ScenarioStep: Sendable {
    /// The frames of a step: all long, or the three-phase overcurrent cycle of 20 short frames
    /// then 1 long frame (tic-protocol.md §3.1).
    enum Pattern: Sendable { case long, shortBurst }

    /// Start of the step, in seconds after local midnight of the scenario's first day (so 30 h is
    /// 06:00 the next day). A time already passed is ignored: the step follows the previous one.
    var at: Int64
    var frames: Int
    /// Called before each frame with its index in the step (0 = the step starts).
    var update: @Sendable (inout SimulatedMeter, Int) -> Void
    /// The caption of each frame, from the meter state.
    var caption: @Sendable (SimulatedMeter) -> String
    var pattern: Pattern

    /// Whether frame `index` of the step is a short frame.
    func isShort(_ index: Int) -> Bool { pattern == .shortBurst && index % 21 != 20 }

    init(
        at: Int64, frames: Int, caption: @escaping @Sendable (SimulatedMeter) -> String,
        pattern: Pattern = .long,
        update: @escaping @Sendable (inout SimulatedMeter, Int) -> Void = { _, _ in }
    ) {
        self.at = at
        self.frames = frames
        self.caption = caption
        self.pattern = pattern
        self.update = update
    }

    init(
        at: Int64, frames: Int, _ caption: String,
        pattern: Pattern = .long,
        update: @escaping @Sendable (inout SimulatedMeter, Int) -> Void = { _, _ in }
    ) {
        self.init(at: at, frames: frames, caption: { _ in caption }, pattern: pattern, update: update)
    }
}
