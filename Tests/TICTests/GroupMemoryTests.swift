import Testing
@testable import TIC

/// The decoder's memory of accepted groups (``GroupMemory``): a repeated group is accepted without its
/// checks, so the memory must never change what is decoded, and a group is handed over as a repeat
/// (``TICSink/acceptRepeat(_:)``) only when it is byte for byte its label's last accepted group.
@Suite struct GroupMemoryTests {
    /// Every group and rejection, in order, and whether each group came as a repeat.
    struct Recorder: TICSink {
        var groups: [String] = []
        var repeats: [Bool] = []
        var rejections: [String] = []
        /// Known label → its last accepted group, as text.
        var lastOfLabel: [KnownLabel: String] = [:]
        var unsoundRepeats: [String] = []

        mutating func accept(_ group: GroupView) { record(group, isRepeat: false) }
        mutating func acceptRepeat(_ group: GroupView) { record(group, isRepeat: true) }
        mutating func reject(_ bytes: UnsafeBufferPointer<UInt8>, because verdict: GroupValidator.Verdict) {
            rejections.append("\(groups.count): \(verdict) \(Array(bytes))")
        }

        private mutating func record(_ view: GroupView, isRepeat: Bool) {
            let text = "\(view.mode) \(view.known.map { "\($0)" } ?? "unknown") \(view.group)"
            if isRepeat, let known = view.known, lastOfLabel[known] != text { unsoundRepeats.append(text) }
            if isRepeat, view.known == nil { unsoundRepeats.append(text) }
            if let known = view.known { lastOfLabel[known] = text }
            groups.append(text)
            repeats.append(isRepeat)
        }
    }

    /// `bytes` through one decoder, cut into chunks of the cycled `sizes`.
    static func decode(_ bytes: [UInt8], sizes: [Int]) -> Recorder {
        var decoder = FrameDecoder()
        var recorder = Recorder()
        var offset = 0, turn = 0
        while offset < bytes.count {
            let end = min(offset + sizes[turn % sizes.count], bytes.count)
            decoder.push(bytes[offset..<end], into: &recorder)
            offset = end
            turn += 1
        }
        return recorder
    }

    /// The reference: every group through a decoder of its own, which has remembered nothing, so
    /// that each is validated from scratch. The stream is cut before each LF and STX (a group's
    /// start), and each piece also gets the byte that starts the next one (which ends or drops the
    /// group in progress, as in one decoder).
    static func decodeGroupsApart(_ bytes: [UInt8]) -> Recorder {
        var recorder = Recorder()
        var start = 0
        for index in bytes.indices where index == bytes.count - 1 || bytes[index + 1] == ASCII.lf || bytes[index + 1] == ASCII.stx {
            var decoder = FrameDecoder()
            decoder.push(bytes[start...min(index + 1, bytes.count - 1)], into: &recorder)
            start = index + 1
        }
        return recorder
    }

    @Test(arguments: Fixture.allCaptureNames)
    func rememberingChangesNothingDecoded(_ name: String) throws {
        let bytes = try Fixture.bytes(name)
        let reference = Self.decodeGroupsApart(bytes)
        #expect(reference.repeats.allSatisfy { !$0 }, "a fresh decoder has nothing to repeat")
        for sizes in [[4096], [1], [4, 3, 17], [64, 1, 7]] {
            let recorder = Self.decode(bytes, sizes: sizes)
            #expect(recorder.groups == reference.groups, "\(name), chunks \(sizes)")
            #expect(recorder.rejections == reference.rejections, "\(name), chunks \(sizes)")
            #expect(recorder.unsoundRepeats.isEmpty, "\(name): repeats that are not their label's last group: \(recorder.unsoundRepeats.prefix(3))")
        }
    }

    /// Most groups of a steady stream repeat (the address, the contract, the indexes but one, the
    /// period): they are handed over as repeats.
    @Test(arguments: ["pyteleinfo__historic_mono_tempo__captured_frames.bin", "ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin"])
    func steadyStreamsAreMostlyRepeats(_ name: String) throws {
        let recorder = Self.decode(try Fixture.bytes(name), sizes: [4])
        let repeats = recorder.repeats.filter { $0 }.count
        #expect(recorder.groups.count > 100)
        #expect(repeats * 2 > recorder.groups.count, "\(repeats) repeats of \(recorder.groups.count) groups")
    }

    static func frame(_ groups: [(String, String)]) -> [UInt8] {
        TICEncoder.encodeFrame(groups.map { Group(mode: .historic, label: Label($0.0)!, data: $0.1) })
    }

    /// A label sent twice a frame with two values: the first place's group is the same as last frame's,
    /// but not its label's last value (the second place's is): accepted, not a repeat.
    @Test func aLabelTwiceAFrameIsNotARepeatOfTheOtherPlace() {
        let frame = Self.frame([("PAPP", "01000"), ("IINST", "005"), ("PAPP", "02000")])
        let recorder = Self.decode(frame + frame + frame, sizes: [4096])
        #expect(recorder.groups.count == 9)
        #expect(recorder.repeats == [false, false, false, false, true, false, false, true, false])
        #expect(recorder.unsoundRepeats.isEmpty)
    }

    /// A group that changes at its place is validated again (a corrupted copy of a remembered group is
    /// rejected), and the group after it, unchanged, is still a repeat.
    @Test func aChangedGroupIsCheckedAgain() {
        let first = Self.frame([("ADCO", "021861348497"), ("PAPP", "01000"), ("PTEC", "HP..")])
        var corrupted = first
        let index = corrupted.firstIndex(of: UInt8(ascii: "1"))!  // inside ADCO's data: checksum no longer matches
        corrupted[index] = UInt8(ascii: "2")
        let second = Self.frame([("ADCO", "021861348497"), ("PAPP", "01230"), ("PTEC", "HP..")])
        let recorder = Self.decode(first + corrupted + second, sizes: [4096])
        #expect(recorder.rejections.count == 1)
        #expect(recorder.rejections.first?.contains("checksumError") == true)
        #expect(recorder.groups.count == 8)
        // first: all new; corrupted: ADCO rejected, PAPP and PTEC repeat; second: ADCO repeat, PAPP changed, PTEC repeat.
        #expect(recorder.repeats == [false, false, false, true, true, true, false, true])
    }

    /// Frames of other lengths shift the places: nothing wrong is claimed, and repeats resume.
    @Test func shiftedPlacesAreNotRepeats() {
        let long = Self.frame([("ADCO", "021861348497"), ("ADPS", "045"), ("PAPP", "01000")])
        let short = Self.frame([("ADCO", "021861348497"), ("PAPP", "01000")])
        let recorder = Self.decode(long + short + short + long, sizes: [3])
        #expect(recorder.unsoundRepeats.isEmpty)
        // short after long: PAPP moved to place 1, where ADPS was; second short: both repeat; long again:
        // ADPS at place 1 (was PAPP), PAPP at place 2 (remembered from the first frame, but its label
        // was last accepted at place 1: accepted as new, without its checks).
        #expect(recorder.repeats == [false, false, false, true, false, true, true, true, false, false])
    }

    /// A decoder copied mid-stream remembers for itself: the copy and the original decode alike.
    @Test func aCopiedDecoderIsIndependent() throws {
        let bytes = try Fixture.bytes("pyteleinfo__historic_mono_tempo__captured_frames.bin")
        let half = bytes.count / 2
        var original = FrameDecoder()
        var first = Recorder()
        original.push(bytes[..<half], into: &first)
        var copy = original
        var a = Recorder(), b = Recorder()
        copy.push(bytes[half...], into: &a)
        original.push(bytes[half...], into: &b)
        #expect(a.groups == b.groups)
        #expect(a.repeats == b.repeats)
        #expect(a.repeats.contains(true))
    }
}
