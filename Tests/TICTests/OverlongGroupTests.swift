import Testing
@testable import TIC

/// A run of bytes longer than ``FrameDecoder/maximumGroupLength`` without a control byte (found by
/// fuzzing, tic-protocol.md §1.2, §10): it is one malformed group, counted once, whatever the
/// chunking, and the groups after it decode.
@Suite struct OverlongGroupTests {
    /// STX, ADCO, LF + `count` × `Z`, then PTEC and PAPP, ETX.
    static func stream(overlong count: Int) -> [UInt8] {
        var bytes: [UInt8] = [ASCII.stx]
        TICEncoder.append(Group(mode: .historic, label: "ADCO", data: "021861348497"), to: &bytes)
        bytes.append(ASCII.lf)
        bytes += [UInt8](repeating: UInt8(ascii: "Z"), count: count)
        TICEncoder.append(Group(mode: .historic, label: "PTEC", data: "HP.."), to: &bytes)
        TICEncoder.append(Group(mode: .historic, label: "PAPP", data: "01230"), to: &bytes)
        bytes.append(ASCII.etx)
        return bytes
    }

    /// Every group and rejection a decoding produced, in order.
    struct Recorder: TICSink, Equatable {
        var events: [String] = []
        mutating func accept(_ group: GroupView) { events.append("accept \(group.group)") }
        mutating func frameStarted() { events.append("start") }
        mutating func frameEnded(_ end: FrameEnd) { events.append("end \(end)") }
        mutating func reject(_ bytes: UnsafeBufferPointer<UInt8>, because verdict: GroupValidator.Verdict) {
            events.append("reject \(verdict) \(Array(bytes))")
        }
    }

    static func decode(_ bytes: [UInt8], chunk: Int) -> (Recorder, DecoderStatistics) {
        var decoder = FrameDecoder()
        var recorder = Recorder()
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            decoder.push(bytes[offset..<end], into: &recorder)
            offset = end
        }
        decoder.finish(into: &recorder)
        return (recorder, decoder.statistics)
    }

    static let chunkSizes = [Int.max, 1, 2, 3, 7, 16, 64, 100, 125, 126, 127, 200]

    @Test(arguments: [126, 127, 200, 1000])
    func overlongRunIsOneMalformedGroupAndTheNextGroupsDecode(_ count: Int) {
        let bytes = OverlongGroupTests.stream(overlong: count)
        let (whole, stats) = OverlongGroupTests.decode(bytes, chunk: Int.max)
        #expect(stats.malformedGroups == 1)
        #expect(stats.checksumErrors == 0)
        #expect(stats.groupsAccepted == 3) // ADCO, PTEC, PAPP
        #expect(stats.frames == 1)
        #expect(whole.events.filter { $0.hasPrefix("reject") }.count == 1)
        for chunk in OverlongGroupTests.chunkSizes {
            let (recorder, chunked) = OverlongGroupTests.decode(bytes, chunk: chunk)
            #expect(recorder == whole, "chunks of \(chunk)")
            #expect(chunked == stats, "chunks of \(chunk)")
        }
    }

    /// Cut in two at every position, the stream decodes the same.
    @Test func everyCutOfTheOverlongStreamDecodesTheSame() {
        let bytes = OverlongGroupTests.stream(overlong: 126)
        let (whole, stats) = OverlongGroupTests.decode(bytes, chunk: Int.max)
        for cut in 1..<bytes.count {
            var decoder = FrameDecoder()
            var recorder = Recorder()
            decoder.push(bytes[..<cut], into: &recorder)
            decoder.push(bytes[cut...], into: &recorder)
            decoder.finish(into: &recorder)
            #expect(recorder == whole && decoder.statistics == stats, "cut at \(cut)")
        }
    }

    /// 125 bytes is the longest a group may be: it is a (malformed: no separator) group like any
    /// other, and the next groups decode.
    @Test func longestAllowedRunIsAnOrdinaryGroup() {
        let bytes = OverlongGroupTests.stream(overlong: 125)
        let (whole, stats) = OverlongGroupTests.decode(bytes, chunk: Int.max)
        #expect(stats.groupsAccepted == 3 && stats.malformedGroups + stats.checksumErrors == 1)
        for chunk in OverlongGroupTests.chunkSizes {
            #expect(OverlongGroupTests.decode(bytes, chunk: chunk).0 == whole, "chunks of \(chunk)")
        }
    }
}
