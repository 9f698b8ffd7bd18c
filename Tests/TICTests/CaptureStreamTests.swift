import Testing
@testable import TIC

/// ``CaptureStream`` unpacks a capture chunk by chunk exactly as ``CaptureFile/stream(from:)`` does
/// for the whole file, and text captures keep their last line (tic-protocol.md §9).
@Suite struct CaptureStreamTests {
    static func streamed(_ contents: [UInt8], chunk: Int) -> [UInt8] {
        var stream = CaptureStream()
        var out: [UInt8] = []
        var offset = 0
        while offset < contents.count {
            let end = offset + min(chunk, contents.count - offset)
            out += stream.push(Array(contents[offset..<end]))
            offset = end
        }
        return out + stream.finish()
    }

    static let chunkSizes = [1, 2, 7, 100, 4096, CaptureStream.sniffLength - 1, CaptureStream.sniffLength, Int.max]

    @Test(arguments: CaptureTests.expectations.map(\.file))
    func everyFixtureUnpacksAsTheWholeFile(_ file: String) throws {
        let contents = try Fixture.contents(file)
        let whole = CaptureFile.stream(from: contents)
        for chunk in CaptureStreamTests.chunkSizes {
            #expect(CaptureStreamTests.streamed(contents, chunk: chunk) == whole, "chunks of \(chunk)")
        }
    }

    /// Captures longer than the sniff length, in both formats: same bytes, and the meter bytes come
    /// out before the end (nothing but an incomplete line is held back once the format is known).
    @Test(arguments: ["pyteleinfo__historic_mono_tempo__captured_frames.txt", "pyteleinfo__historic_mono_tempo__captured_frames.bin"])
    func longCapturesStream(_ file: String) throws {
        let one = try Fixture.contents(file)
        var contents: [UInt8] = []
        while contents.count < 3 * CaptureStream.sniffLength { contents += one }
        let whole = CaptureFile.stream(from: contents)
        for chunk in [1000, 4096, 65536, 100_000] {
            #expect(CaptureStreamTests.streamed(contents, chunk: chunk) == whole, "chunks of \(chunk)")
        }
        var stream = CaptureStream()
        var early: [UInt8] = []
        for start in stride(from: 0, to: contents.count, by: 4096) {
            early += stream.push(Array(contents[start..<min(start + 4096, contents.count)]))
        }
        #expect(whole.count - early.count < one.count)
        #expect(early + stream.finish() == whole)
    }

    /// `text` with one group per line (LF only), from the encoder's groups.
    static func textCapture(_ groups: [Group]) -> [UInt8] {
        groups.flatMap { TICEncoder.encode($0).dropLast() } // LF label SP data SP checksum, no CR
    }

    static let groups = [
        Group(mode: .historic, label: "ADCO", data: "021861348497"),
        Group(mode: .historic, label: "OPTARIF", data: "BASE"),
        Group(mode: .historic, label: "PAPP", data: "01230"),
    ]

    @Test func lastLineWithoutANewlineIsDecoded() {
        let text = CaptureStreamTests.textCapture(CaptureStreamTests.groups)
        #expect(text.last != ASCII.lf)
        for bytes in [CaptureFile.stream(from: text), CaptureStreamTests.streamed(text, chunk: 5)] {
            let decoded = Fixture.decode(bytes)
            #expect(decoded.statistics.groupsAccepted == 3)
            #expect(decoded.statistics.groupsRejected == 0)
            #expect(decoded.state.apparentPower == VoltAmperes(1230))
        }
        // With its newline, nothing changes.
        #expect(Fixture.decode(CaptureFile.stream(from: text + [ASCII.lf])) == Fixture.decode(CaptureFile.stream(from: text)))
    }

    /// A meter stream (STX/ETX) cut in the middle of a group keeps the fragment unterminated: it is
    /// dropped, not counted as an error.
    @Test func meterStreamCutMidGroupIsNotTerminated() {
        var bytes = TICEncoder.encodeFrame(CaptureStreamTests.groups)
        bytes += [ASCII.stx] + Array("\nPAPP 012".utf8)
        #expect(CaptureFile.stream(from: bytes) == bytes)
        #expect(CaptureStreamTests.streamed(bytes, chunk: 3) == bytes)
        let decoded = Fixture.decode(CaptureFile.stream(from: bytes))
        #expect(decoded.statistics.groupsAccepted == 3 && decoded.statistics.groupsRejected == 0)
    }

    /// The real text captures that end without a newline now decode their last group.
    @Test func openHABCapturesKeepTheirLastGroup() throws {
        let file = "openhab__historic_tri_base__cbetm-base-option-1.indextext.txt"
        #expect(try Fixture.contents(file).last != ASCII.lf)
        let groups = Fixture.decode(try Fixture.bytes(file)).frames.flatMap(\.groups)
        #expect(groups.last?.label == "ADCO")
    }
}
