import TIC

/// Auto-detection as the read loop runs it: a ``ModeDetector`` fed, every observation interval, with
/// the growth of the statistics the consumer's decoder returned (``SerialConsumer``), never with a
/// decoder of its own.
struct ModeSearch {
    private var detector: ModeDetector
    /// The statistics at the previous observation; nil until the consumer first returned some.
    private var baseline: DecoderStatistics?
    /// What the consumer returned last.
    private var latest: DecoderStatistics?
    /// ``BootTime`` nanoseconds of the previous observation.
    private var lastObservation: Int64

    init(startingWith mode: TICMode, configuration: ModeDetector.Configuration, at now: Int64) {
        detector = ModeDetector(startingWith: mode, configuration: configuration)
        lastObservation = now
    }

    /// What the consumer's decoder reported after a delivery. The first value is the baseline (the
    /// decoder may have counted before this reader); a value that went backwards (a new decoder) too.
    mutating func received(_ statistics: DecoderStatistics) {
        if let known = latest ?? baseline, Self.wentBackwards(from: known, to: statistics) {
            baseline = statistics
        } else if baseline == nil {
            baseline = statistics
        }
        latest = statistics
    }

    /// When the next observation is due.
    func nextObservation(every interval: Int64) -> Int64 {
        lastObservation &+ interval
    }

    /// Observes the growth since the previous observation if `interval` has passed; nil otherwise.
    /// Times are ``BootTime`` nanoseconds.
    mutating func observe(every interval: Int64, at now: Int64) -> ModeDetector.Decision? {
        let elapsed = now &- lastObservation
        guard elapsed >= interval else { return nil }
        let current = latest ?? baseline ?? DecoderStatistics()
        let observation = ModeDetector.Observation(from: baseline ?? current, to: current, elapsed: .nanoseconds(elapsed))
        baseline = latest ?? baseline
        lastObservation = now
        return detector.observe(observation)
    }

    /// The line changed speed: what was counted so far belongs to the old speed.
    mutating func speedChanged() {
        baseline = latest ?? baseline
    }

    private static func wentBackwards(from earlier: DecoderStatistics, to later: DecoderStatistics) -> Bool {
        later.groupsAccepted < earlier.groupsAccepted || later.groupsRejected < earlier.groupsRejected
            || later.bytes < earlier.bytes
    }
}
