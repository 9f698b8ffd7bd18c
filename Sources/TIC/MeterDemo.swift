/// The endless simulated meter of `linkyd demo`: plays scenarios one after the other and starts
/// over, each round with the next seed, so it never ends and never repeats exactly. Frame indexes
/// keep counting across scenarios. Note that consecutive scenarios may use different TIC modes
/// (a real meter never switches by itself; the decoder handles both).
public struct MeterDemo: Sendable {
    public let scenarios: [MeterScenario]
    private var current: MeterSimulator
    private var position = 0
    private var round: UInt64 = 0
    private let seed: UInt64
    private var index = 0

    /// Loops `scenarios` (all of them when empty) starting with `seed`.
    public init(scenarios: [MeterScenario] = MeterScenario.allCases, seed: UInt64 = 1) {
        let list = scenarios.isEmpty ? MeterScenario.allCases : scenarios
        self.scenarios = list
        self.seed = seed
        current = MeterSimulator(scenario: list[0], seed: seed)
    }

    /// The scenario being played.
    public var scenario: MeterScenario { current.scenario }

    /// The next frame: never nil.
    public mutating func nextFrame() -> SimulatedFrame {
        while true {
            if var frame = current.nextFrame() {
                frame.index = index
                index += 1
                return frame
            }
            position += 1
            if position == scenarios.count {
                position = 0
                round += 1
            }
            current = MeterSimulator(scenario: scenarios[position], seed: seed &+ round)
        }
    }
}
