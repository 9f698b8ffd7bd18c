import TIC
import Testing

/// One scripted run: observations fed in order, each with the decision it must produce.
struct DetectorScript: Sendable, CustomTestStringConvertible {
    typealias Step = (ModeDetector.Observation, ModeDetector.Decision)
    let name: String
    var start: TICMode = .historic
    let steps: [Step]
    let finalState: ModeDetector.State
    var testDescription: String { name }
}

private func obs(
    accepted: Int = 0, rejected: Int = 0, bytes: Int = 0, ms: Int64
) -> ModeDetector.Observation {
    .init(groupsAccepted: accepted, groupsRejected: rejected, bytes: bytes, elapsed: .milliseconds(ms))
}

private let scripts: [DetectorScript] = [
    DetectorScript(
        name: "three verified groups lock the starting speed",
        steps: [
            (obs(accepted: 1, bytes: 40, ms: 500), .keep),
            (obs(accepted: 1, bytes: 40, ms: 500), .keep),
            (obs(accepted: 1, bytes: 40, ms: 500), .locked(.historic)),
            (obs(accepted: 5, bytes: 200, ms: 500), .keep),
        ],
        finalState: .locked(.historic)),
    DetectorScript(
        name: "locks in one observation carrying many groups",
        start: .standard,
        steps: [(obs(accepted: 12, rejected: 1, bytes: 600, ms: 700), .locked(.standard))],
        finalState: .locked(.standard)),
    DetectorScript(
        name: "silence for the window switches to the other speed, and back",
        steps: [
            (obs(ms: 1000), .keep),
            (obs(ms: 1999), .keep),
            (obs(ms: 1), .trySpeed(.standard)),
            (obs(ms: 3000), .trySpeed(.historic)),
        ],
        finalState: .searching(.historic)),
    DetectorScript(
        name: "rejected groups with none verified switch early",
        steps: [
            (obs(rejected: 5, bytes: 100, ms: 200), .keep),
            (obs(rejected: 3, bytes: 60, ms: 200), .trySpeed(.standard)),
        ],
        finalState: .searching(.standard)),
    DetectorScript(
        name: "garbage bytes with no group switch early",
        start: .standard,
        steps: [
            (obs(bytes: 1000, ms: 300), .keep),
            (obs(bytes: 24, ms: 10), .trySpeed(.historic)),
        ],
        finalState: .searching(.historic)),
    DetectorScript(
        name: "one verified group prevents the early switch but not the window",
        steps: [
            (obs(accepted: 1, rejected: 20, bytes: 2000, ms: 1000), .keep),
            (obs(accepted: 1, bytes: 100, ms: 2000), .trySpeed(.standard)),
        ],
        finalState: .searching(.standard)),
    DetectorScript(
        name: "counts restart at each speed",
        steps: [
            (obs(accepted: 2, bytes: 50, ms: 3000), .trySpeed(.standard)),
            (obs(accepted: 1, bytes: 50, ms: 100), .keep),
            (obs(accepted: 1, bytes: 50, ms: 100), .keep),
            (obs(accepted: 1, bytes: 50, ms: 100), .locked(.standard)),
        ],
        finalState: .locked(.standard)),
    DetectorScript(
        name: "wrong speed first, then lock at the other one",
        steps: [
            (obs(rejected: 8, bytes: 300, ms: 900), .trySpeed(.standard)),
            (obs(accepted: 4, bytes: 300, ms: 400), .locked(.standard)),
        ],
        finalState: .locked(.standard)),
    DetectorScript(
        name: "locked: silence never unlocks",
        start: .standard,
        steps: [
            (obs(accepted: 3, bytes: 90, ms: 100), .locked(.standard)),
            (obs(ms: 60_000), .keep),
            (obs(ms: 600_000), .keep),
        ],
        finalState: .locked(.standard)),
    DetectorScript(
        name: "locked: a little traffic after a long silence does not unlock",
        steps: [
            (obs(accepted: 3, bytes: 90, ms: 100), .locked(.historic)),
            (obs(ms: 60_000), .keep),
            (obs(rejected: 1, bytes: 100, ms: 100), .keep),
            (obs(accepted: 1, bytes: 40, ms: 100), .keep),
            (obs(bytes: 255, ms: 40_000), .keep),
        ],
        finalState: .locked(.historic)),
    DetectorScript(
        name: "locked: traffic without a verified group for the loss timeout unlocks",
        start: .standard,
        steps: [
            (obs(accepted: 3, bytes: 90, ms: 100), .locked(.standard)),
            (obs(rejected: 4, bytes: 500, ms: 10_000), .keep),
            (obs(bytes: 500, ms: 19_999), .keep),
            (obs(bytes: 10, ms: 1), .unlocked(.standard, trying: .historic)),
            (obs(accepted: 3, bytes: 90, ms: 100), .locked(.historic)),
        ],
        finalState: .locked(.historic)),
    DetectorScript(
        name: "locked: enough garbage, then the timeout ends in silence",
        steps: [
            (obs(accepted: 3, bytes: 90, ms: 100), .locked(.historic)),
            (obs(bytes: 5000, ms: 29_000), .keep),
            (obs(ms: 1_000), .unlocked(.historic, trying: .standard)),
        ],
        finalState: .searching(.standard)),
    DetectorScript(
        name: "locked: a verified group restarts the loss timeout",
        steps: [
            (obs(accepted: 3, bytes: 90, ms: 100), .locked(.historic)),
            (obs(bytes: 500, ms: 29_000), .keep),
            (obs(accepted: 1, bytes: 20, ms: 500), .keep),
            (obs(bytes: 500, ms: 29_000), .keep),
            (obs(bytes: 500, ms: 1_000), .unlocked(.historic, trying: .standard)),
        ],
        finalState: .searching(.standard)),
]

@Suite struct ModeDetectorTests {
    @Test(arguments: scripts)
    func script(_ script: DetectorScript) {
        var detector = ModeDetector(startingWith: script.start)
        for (index, (observation, expected)) in script.steps.enumerated() {
            let decision = detector.observe(observation)
            #expect(decision == expected, "step \(index)")
        }
        #expect(detector.state == script.finalState)
    }

    @Test func modeFollowsTheState() {
        var detector = ModeDetector()
        #expect(detector.mode == .historic)
        #expect(detector.lockedMode == nil)
        _ = detector.observe(obs(ms: 3000))
        #expect(detector.mode == .standard)
        _ = detector.observe(obs(accepted: 3, ms: 100))
        #expect(detector.lockedMode == .standard)
    }

    @Test func observationFromStatistics() {
        var earlier = DecoderStatistics()
        earlier.groupsAccepted = 10
        earlier.checksumErrors = 1
        earlier.bytes = 500
        var later = earlier
        later.groupsAccepted = 13
        later.checksumErrors = 2
        later.malformedGroups = 4
        later.bytes = 700
        let observation = ModeDetector.Observation(from: earlier, to: later, elapsed: .seconds(1))
        #expect(observation == .init(groupsAccepted: 3, groupsRejected: 5, bytes: 200, elapsed: .seconds(1)))
    }

    @Test func customThresholds() {
        var configuration = ModeDetector.Configuration()
        configuration.groupsToLock = 1
        configuration.searchWindow = .seconds(10)
        var detector = ModeDetector(startingWith: .standard, configuration: configuration)
        #expect(detector.observe(obs(ms: 9_000)) == .keep)
        #expect(detector.observe(obs(accepted: 1, ms: 10)) == .locked(.standard))
    }
}
