import Testing
@testable import TIC

/// Randomized single-bit corruption (seeded, reproducible): whatever one flipped bit per group does,
/// the decoder never hands over a group the meter did not send, and never one in place of another.
///
/// The stream is fed group by group so that every group the decoder emits can be attributed to the
/// group whose bytes produced it: the LF of group n may still end group n-1 (if its CR was hit),
/// and the ETX may end the last group of the frame. At most one bit is flipped per group: two
/// compensating flips inside one group are undetectable by the protocol's design (6-bit sum).
@Suite struct CorruptionTests {
    enum Place: String, CaseIterable {
        case lf, content, cr
    }

    struct Flip: CustomStringConvertible {
        let place: Place
        let offset: Int
        let bit: Int
        let original: UInt8
        var description: String {
            let byte = "0x" + String(original, radix: 16) + " → 0x" + String(original ^ (1 << bit), radix: 16)
            return "\(place.rawValue) byte \(offset) bit \(bit) (\(byte))"
        }
    }

    /// Bits 6 and 7 are over-represented: the checksum cannot see them (it keeps 6 bits).
    static let bits = [0, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 7]

    struct Outcome {
        var groupsSent = 0
        var flipsInContent = 0
        var flipsOnFraming = 0
        var forged: [String] = []
        var accepted = 0
        var contentFlipsDetected = 0
        var statistics = DecoderStatistics()
    }

    /// Sends `frames` with a fraction `groupFlipRate` of groups hit by one flipped bit (or, with
    /// `swapDigits`, by two adjacent different digits swapped: two compensating changes the
    /// checksum cannot see, to prove this harness catches a forged group).
    static func run(frames: [SimulatedFrame], seed: UInt64, groupFlipRate: Double = 0.3,
                    swapDigits: Bool = false) -> Outcome {
        var generator = SeededGenerator(seed: seed)
        var decoder = FrameDecoder()
        var outcome = Outcome()
        var sentAndFlipped: [(Group, Flip?)] = []
        var emitted: [[Group]] = []

        func push(_ bytes: ArraySlice<UInt8>, attributeTo index: Int?) {
            var recorder = GroupRecorder()
            decoder.push(bytes, into: &recorder)
            guard !recorder.groups.isEmpty else { return }
            if let index { emitted[index] += recorder.groups } else {
                outcome.forged += recorder.groups.map { "emitted \($0) with no group pending" }
            }
        }
        func flipFramingByte(_ byte: UInt8) -> UInt8 {
            guard Double.random(in: 0..<1, using: &generator) < 0.05 else { return byte }
            return byte ^ UInt8(1 << Int.random(in: 0..<8, using: &generator))
        }

        for frame in frames {
            push([flipFramingByte(ASCII.stx)], attributeTo: sentAndFlipped.indices.last)
            for group in frame.groups {
                var bytes = TICEncoder.encode(group)
                var flip: Flip?
                if Double.random(in: 0..<1, using: &generator) < groupFlipRate {
                    let roll = Int.random(in: 0..<10, using: &generator)
                    let place: Place = roll == 0 ? .lf : roll == 1 ? .cr : .content
                    let offset = switch place {
                    case .lf: 0
                    case .cr: bytes.count - 1
                    case .content: Int.random(in: 1..<bytes.count - 1, using: &generator)
                    }
                    let bit = bits.randomElement(using: &generator) ?? 7
                    flip = Flip(place: place, offset: offset, bit: bit, original: bytes[offset])
                    if swapDigits {
                        flip = nil
                        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
                        if let at = bytes.indices.dropLast().first(where: {
                            digit(bytes[$0]) && digit(bytes[$0 + 1]) && bytes[$0] != bytes[$0 + 1]
                        }) {
                            bytes.swapAt(at, at + 1)
                            flip = Flip(place: .content, offset: at, bit: 0, original: bytes[at + 1])
                        }
                    } else {
                        bytes[offset] ^= UInt8(1 << bit)
                    }
                }
                let previous = sentAndFlipped.indices.last
                sentAndFlipped.append((group, flip))
                emitted.append([])
                push(bytes[0..<1], attributeTo: previous)
                push(bytes[1...], attributeTo: sentAndFlipped.count - 1)
            }
            push([flipFramingByte(ASCII.etx)], attributeTo: sentAndFlipped.indices.last)
        }

        for (index, (group, flip)) in sentAndFlipped.enumerated() {
            outcome.groupsSent += 1
            let got = emitted[index]
            outcome.accepted += got.count
            for other in got where other != group {
                outcome.forged.append("sent \(group), flip \(flip.map(String.init(describing:)) ?? "none") → accepted \(other)")
            }
            switch flip?.place {
            case nil:
                if got != [group] { outcome.forged.append("unflipped \(group) → \(got)") }
            case .content?:
                outcome.flipsInContent += 1
                if got.isEmpty { outcome.contentFlipsDetected += 1 } else if got == [group] {
                    outcome.forged.append("flip \(flip.map(String.init(describing:)) ?? "") in \(group) went unseen")
                }
            case .lf?, .cr?:
                outcome.flipsOnFraming += 1
                if got.count > 1 { outcome.forged.append("\(group) emitted \(got.count) times") }
            }
        }
        outcome.statistics = decoder.statistics
        return outcome
    }

    static func demoFrames(count: Int, seed: UInt64) -> [SimulatedFrame] {
        var demo = MeterDemo(seed: seed)
        return (0..<count).map { _ in demo.nextFrame() }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func oneFlippedBitPerGroupNeverForgesAGroup(seed: UInt64) {
        let frames = Self.demoFrames(count: 3000, seed: seed)
        let outcome = Self.run(frames: frames, seed: seed &* 7919)
        #expect(outcome.forged.isEmpty, "\(outcome.forged.count) forged: \(outcome.forged.prefix(8).joined(separator: "\n"))")
        // The test really corrupts: thousands of flips, all of them in content detected.
        #expect(outcome.groupsSent > 50_000)
        #expect(outcome.flipsInContent > 10_000)
        #expect(outcome.flipsOnFraming > 2_000)
        #expect(outcome.contentFlipsDetected == outcome.flipsInContent)
        #expect(outcome.statistics.groupsRejected >= outcome.flipsInContent * 9 / 10)
        // Every unflipped group came through (checked one by one above), so at least these many.
        #expect(outcome.accepted >= outcome.groupsSent - outcome.flipsInContent - outcome.flipsOnFraming)
        #expect(outcome.accepted < outcome.groupsSent)
    }

    @Test func withoutFlipsEverythingIsAccepted() {
        let frames = Self.demoFrames(count: 400, seed: 4)
        let outcome = Self.run(frames: frames, seed: 4, groupFlipRate: 0)
        #expect(outcome.forged.isEmpty)
        #expect(outcome.accepted == outcome.groupsSent)
        #expect(outcome.statistics.groupsRejected == 0)
    }

    /// The harness itself can fail: swapping two digits keeps the byte sum, so the decoder accepts
    /// a group that was never sent (the protocol cannot see it), and the attribution flags it.
    @Test func compensatingChangesAreReportedAsForged() {
        let frames = Self.demoFrames(count: 300, seed: 5)
        let outcome = Self.run(frames: frames, seed: 5, swapDigits: true)
        #expect(outcome.forged.count > 100)
        #expect(outcome.forged.contains { $0.contains("→ accepted") })
    }

    /// Every bit of every byte of some real groups, one at a time: exhaustive where the random
    /// test samples. Groups chosen for their risky bytes: `J` (bit 6 → LF), `M` (→ CR), `C` (→ ETX),
    /// `D` (→ EOT), `I` (→ HT), spaces in standard data, a space checksum, horodates.
    @Test func exhaustiveSingleFlipsOnRiskyGroups() {
        let groups = [
            Group(mode: .historic, label: "BBRHCJB", data: "001478389"),
            Group(mode: .historic, label: "PTEC", data: "HCJB"),
            Group(mode: .historic, label: "PTEC", data: "HP.."),
            Group(mode: .historic, label: "EJPHPM", data: "002222222"),
            Group(mode: .historic, label: "DEMAIN", data: "----"),
            Group(mode: .historic, label: "MOTDETAT", data: "000000"),
            Group(mode: .standard, label: "NGTF", data: "H PLEINE/CREUSE "),
            Group(mode: .standard, label: "LTARF", data: "INDEX NON CONSO "),
            Group(mode: .standard, label: "MSG1", data: "PAS DE          MESSAGE         "),
            Group(mode: .standard, label: "DATE", horodate: Horodate("H200214230804"), data: ""),
            Group(mode: .standard, label: "SMAXSN-1", horodate: Horodate("H200213085118"), data: "09562"),
            Group(mode: .standard, label: "DPM1", horodate: Horodate(" 200214060000"), data: "00"),
            Group(mode: .standard, label: "SINSTI", data: "01258"),
            Group(mode: .standard, label: "STGE", data: "003A0001"),
            Group(mode: .standard, label: "PJOURF+1",
                  data: "00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE"),
        ]
        var leaks: [String] = []
        for group in groups {
            let clean = TICEncoder.encode(group)
            for offset in clean.indices {
                for bit in 0..<8 {
                    var bytes = [ASCII.stx] + clean
                    bytes[offset + 1] ^= UInt8(1 << bit)
                    bytes.append(ASCII.etx)
                    var decoder = FrameDecoder()
                    var recorder = GroupRecorder()
                    decoder.push(bytes, into: &recorder)
                    decoder.finish(into: &recorder)
                    let framing = offset == 0 || offset == clean.count - 1
                    for got in recorder.groups where got != group || !framing {
                        leaks.append("\(group): byte \(offset) bit \(bit) → \(got)")
                    }
                }
            }
        }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }
}
