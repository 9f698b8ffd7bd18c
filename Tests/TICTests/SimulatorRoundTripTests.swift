import Testing
@testable import TIC

/// Every scenario's frames are valid TIC: the decoder gives back exactly the groups sent, in
/// frames, with nothing rejected, however the stream is cut.
@Suite struct SimulatorRoundTripTests {
    @Test(arguments: MeterScenario.allCases)
    func decodesBackExactly(_ scenario: MeterScenario) {
        let frames = scenario.frames(seed: 42)
        #expect(frames.count >= 15)
        let stream = frames.flatMap(\.bytes)
        var decoder = FrameDecoder()
        let decoded = decoder.push(stream) + decoder.finish()
        #expect(decoded.count == frames.count)
        #expect(decoded.map(\.groups) == frames.map(\.groups))
        #expect(decoded.allSatisfy { $0.end == .complete })
        #expect(decoder.statistics.groupsRejected == 0)
        #expect(decoder.statistics.frames == frames.count)
        #expect(decoder.statistics.groupsAccepted == frames.reduce(0) { $0 + $1.groups.count })
        #expect(decoded.allSatisfy { $0.mode == scenario.mode })
    }

    @Test(arguments: MeterScenario.allCases)
    func decodesBackInRandomChunks(_ scenario: MeterScenario) {
        let frames = scenario.frames(seed: 7)
        let stream = frames.flatMap(\.bytes)
        var generator = SeededGenerator(seed: 99)
        var decoder = FrameDecoder()
        var decoded: [Frame] = []
        var start = 0
        while start < stream.count {
            let size = Int.random(in: 1...97, using: &generator)
            let end = min(stream.count, start + size)
            decoded += decoder.push(stream[start..<end])
            start = end
        }
        decoded += decoder.finish()
        #expect(decoded.map(\.groups) == frames.map(\.groups))
        #expect(decoder.statistics.groupsRejected == 0)
        #expect(decoder.statistics.bytes == stream.count)
    }

    @Test(arguments: MeterScenario.allCases)
    func everyGroupIsAKnownLabelOfTheModeInSpecificationOrder(_ scenario: MeterScenario) throws {
        for frame in scenario.frames() where !frame.isShort {
            let known = try frame.groups.map { try #require($0.known, "\($0.label) is not a specification label") }
            #expect(known.allSatisfy { $0.mode == scenario.mode })
            let order = known.map(\.rawValue)
            #expect(order == order.sorted() && Set(order).count == order.count, "frame \(frame.index): \(frame.labels)")
            #expect(frame.groups.first?.label == (scenario.mode == .historic ? "ADCO" : "ADSC"))
        }
    }

    @Test(arguments: MeterScenario.allCases)
    func isDeterministicForASeed(_ scenario: MeterScenario) {
        let first = scenario.frames(seed: 5), again = scenario.frames(seed: 5), other = scenario.frames(seed: 6)
        #expect(first == again)
        #expect(first.map(\.bytes) != other.map(\.bytes))
    }

    @Test(arguments: MeterScenario.allCases)
    func wireDurationIsBytesTimesByteTime(_ scenario: MeterScenario) {
        var simulator = MeterSimulator(scenario: scenario, seed: 3)
        #expect(simulator.frameCount == scenario.frames(seed: 3).count)
        var previous: SimulatedFrame?
        while let frame = simulator.nextFrame() {
            let perByte: Int64 = scenario.mode == .historic ? 8_333_333 : 1_041_666
            #expect(frame.wireDuration == Int64(frame.bytes.count) * perByte)
            #expect(frame.bytes == TICEncoder.encodeFrame(frame.groups))
            #expect(!frame.caption.isEmpty)
            if let previous {
                // The clock moves on by at least the previous frame's wire time and silence.
                #expect(frame.time.nanoseconds - previous.time.nanoseconds
                    >= previous.wireDuration + SimulatedFrame.interFrameSilence)
                #expect(frame.index == previous.index + 1)
            }
            previous = frame
        }
        #expect(simulator.nextFrame() == nil)
    }

    @Test func scenarioNamesAndModes() {
        #expect(MeterScenario.allCases.count == 10)
        #expect(MeterScenario(name: "ejp-notice-then-peak") == .ejpNoticeThenPeak)
        #expect(MeterScenario(name: "tempo-blue-to-red-standard")?.mode == .standard)
        #expect(MeterScenario(name: "nope") == nil)
        #expect(MeterScenario.allCases.filter { $0.mode == .historic }.count == 5)
        #expect(Set(MeterScenario.allCases.map(\.summary)).count == 10)
    }

    @Test func demoLoopsForeverThroughEveryScenario() {
        var demo = MeterDemo(seed: 11)
        let total = MeterScenario.allCases.reduce(0) { $0 + MeterSimulator(scenario: $1).frameCount }
        var seen: [MeterScenario] = []
        var frames: [SimulatedFrame] = []
        for _ in 0..<(total + 5) {
            let frame = demo.nextFrame()
            if seen.last != frame.scenario { seen.append(frame.scenario) }
            frames.append(frame)
        }
        #expect(seen == MeterScenario.allCases + [MeterScenario.allCases[0]])
        #expect(frames.map(\.index) == Array(0..<(total + 5)))
        // The second round uses the next seed: same story, other serial number.
        #expect(frames[total]["ADCO"] != frames[0]["ADCO"])
        #expect(frames[total].caption == frames[0].caption)
        var single = MeterDemo(scenarios: [.producer])
        for _ in 0..<100 { #expect(single.nextFrame().scenario == .producer) }
    }
}
