/// A simulated meter playing a scenario: deterministic for a given seed, it produces frames whose
/// groups pass every check of ``FrameDecoder`` (label formats of ``KnownLabel``), in the label order
/// of the specification, with counters that stay consistent (energy = power × time).
///
/// ```swift
/// var simulator = MeterSimulator(scenario: .ejpNoticeThenPeak, seed: 7)
/// while let frame = simulator.nextFrame() {
///     decoder.push(frame.bytes)          // and advance a clock by frame.wireDuration
///     print(frame.caption)               // "EJP notice: peak in 30 min"
/// }
/// ```
///
/// Time: each frame advances the meter clock by its wire time plus
/// ``SimulatedFrame/interFrameSilence``; between the steps of a script the clock jumps (hours at
/// a time) so a scenario tells a day's story in a few dozen frames.
public struct MeterSimulator: Sendable {
    public let scenario: MeterScenario
    public let seed: UInt64
    /// The meter as it is after the last frame produced.
    public private(set) var meter: SimulatedMeter
    /// Local midnight of the scenario's first day.
    public let firstDay: MeterClock
    /// Frames produced so far.
    public private(set) var frameIndex = 0

    private var generator: SeededGenerator
    private let steps: [ScenarioStep]
    private var stepIndex = 0
    private var frameInStep = 0

    public init(scenario: MeterScenario, seed: UInt64 = 1) {
        self.scenario = scenario
        self.seed = seed
        var generator = SeededGenerator(seed: seed ^ MeterSimulator.salt(scenario))
        let script = MeterSimulator.script(for: scenario, generator: &generator)
        self.meter = script.meter
        self.firstDay = script.meter.clock.startOfDay
        self.steps = script.steps
        self.generator = generator
    }

    /// How many frames the scenario has in all.
    public var frameCount: Int { steps.reduce(0) { $0 + $1.frames } }

    /// The next frame, or nil when the scenario is over.
    public mutating func nextFrame() -> SimulatedFrame? {
        while stepIndex < steps.count, frameInStep >= steps[stepIndex].frames {
            stepIndex += 1
            frameInStep = 0
        }
        guard stepIndex < steps.count else { return nil }
        let step = steps[stepIndex]
        if frameInStep == 0 { meter.advance(to: firstDay.adding(seconds: step.at)) }
        step.update(&meter, frameInStep)
        meter.jitter(using: &generator)
        let isShort = step.isShort(frameInStep) && scenario.mode == .historic && meter.phases == 3
        let groups: [Group]
        switch scenario.mode {
        case .historic: groups = isShort ? meter.historicShortFrame() : meter.historicFrame()
        case .standard: groups = meter.standardFrame()
        }
        let frame = SimulatedFrame(
            index: frameIndex, scenario: scenario, groups: groups, bytes: TICEncoder.encodeFrame(groups),
            time: meter.clock, caption: step.caption(meter), isShort: isShort
        )
        meter.advance(by: frame.wireDuration + SimulatedFrame.interFrameSilence)
        frameInStep += 1
        frameIndex += 1
        return frame
    }

    /// Different scenarios with the same seed get different serial numbers and noise.
    private static func salt(_ scenario: MeterScenario) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a
        for byte in scenario.rawValue.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
