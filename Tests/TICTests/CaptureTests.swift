import Testing
import TIC

/// Every real capture decodes with exactly the counts pinned here. `accepted` equals the
/// "pass" column of SOURCES.md minus the groups the field checks reject; each difference is
/// explained in Fixtures/SOURCES.md ("What linkyd's decoder accepts").
struct CaptureTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var file: String
        var accepted: Int, checksumErrors: Int, malformed: Int, frames: Int, interrupted: Int
        var description: String { file }
    }

    static let expectations: [Expectation] = [
        .init(file: "openhab__historic_tri_base__cbetm-base-option-1.indextext.txt", accepted: 16, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 0),
        .init(file: "openhab__historic_tri_ejp__cbetm-ejp-option-1.indextext.txt", accepted: 15, checksumErrors: 0, malformed: 2, frames: 0, interrupted: 0),
        .init(file: "openhab__standard_mono_producer__linky-tic-mode-standard-single-phase-prod.indextext.txt", accepted: 67, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 0),
        .init(file: "openhab__standard_tri_producer_tempo__linky-tic-mode-standard-three-phase-prod.indextext.txt", accepted: 167, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 0),
        .init(file: "pyteleinfo__historic_mono_tempo__captured_frames.bin", accepted: 160, checksumErrors: 0, malformed: 0, frames: 10, interrupted: 0),
        .init(file: "pyteleinfo__historic_mono_tempo__captured_frames.txt", accepted: 160, checksumErrors: 0, malformed: 0, frames: 10, interrupted: 0),
        .init(file: "teleinfo-nom__message.txt", accepted: 16, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 0),
        .init(file: "teleinfo-nom__message_standard.txt", accepted: 55, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 0),
        .init(file: "teleinfo-nom__stream_legacy_complete.txt", accepted: 20, checksumErrors: 0, malformed: 0, frames: 1, interrupted: 0),
        .init(file: "teleinfo-nom__stream_legacy_incomplete.txt", accepted: 15, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 0),
        .init(file: "teleinfo-nom__stream_legacy_raw.txt", accepted: 38, checksumErrors: 1, malformed: 0, frames: 1, interrupted: 0),
        .init(file: "teleinfo-nom__stream_standard_complete.txt", accepted: 75, checksumErrors: 1, malformed: 1, frames: 1, interrupted: 0),
        .init(file: "teleinfo-nom__stream_standard_raw.txt", accepted: 474, checksumErrors: 13, malformed: 3, frames: 7, interrupted: 0),
        .init(file: "teleinfo2mqtt__standard_mono_producer__standard.frames.log", accepted: 429, checksumErrors: 0, malformed: 0, frames: 9, interrupted: 9),
        .init(file: "ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin", accepted: 467, checksumErrors: 0, malformed: 0, frames: 12, interrupted: 0),
        .init(file: "ticdecodecpp__continuous_linky_3P_historical_TIC_2024_sample.bin", accepted: 71, checksumErrors: 0, malformed: 0, frames: 0, interrupted: 4),
        .init(file: "ticdecodecpp__continuous_linky_3P_historical_TIC_sample.bin", accepted: 102, checksumErrors: 0, malformed: 0, frames: 6, interrupted: 0),
        .init(file: "ticdecodecpp__continuous_linky_3P_historical_TIC_with_rx_errors.bin", accepted: 303, checksumErrors: 62, malformed: 72, frames: 0, interrupted: 25),
        .init(file: "ticdecodecpp__linky_1P_midnight.bin", accepted: 464, checksumErrors: 3, malformed: 0, frames: 12, interrupted: 0),
    ]

    @Test func everyFixtureHasAnExpectation() {
        #expect(Fixture.allCaptureNames == CaptureTests.expectations.map(\.file).sorted())
    }

    @Test(arguments: CaptureTests.expectations)
    func decodesWithPinnedCounts(_ expected: Expectation) throws {
        let stats = Fixture.decode(try Fixture.bytes(expected.file)).statistics
        #expect(stats.groupsAccepted == expected.accepted)
        #expect(stats.checksumErrors == expected.checksumErrors)
        #expect(stats.malformedGroups == expected.malformed)
        #expect(stats.frames == expected.frames)
        #expect(stats.interruptedFrames == expected.interrupted)
    }

    /// Output is identical whatever the chunking: whole, byte by byte, odd sizes, and cut in two
    /// at every position of the smaller captures.
    @Test(arguments: CaptureTests.expectations.map(\.file))
    func chunkingInvariance(_ file: String) throws {
        let bytes = try Fixture.bytes(file)
        let whole = Fixture.decode(bytes)
        #expect(Fixture.decode(bytes, chunks: [1]) == whole)
        #expect(Fixture.decode(bytes, chunks: [3, 7, 64, 1, 255]) == whole)
        if bytes.count <= 2_000 {
            for cut in 1..<bytes.count {
                #expect(Fixture.decode(bytes, chunks: [cut, Int.max]) == whole, "cut at \(cut)")
            }
        }
    }

    /// The groups SOURCES.md names as reception errors are rejected, not decoded with bad values.
    @Test func receptionErrorsAreRejected() throws {
        let complete = Fixture.decode(try Fixture.bytes("teleinfo-nom__stream_standard_complete.txt"))
        // `EAST\t 21849107` (a digit turned into a space): rejected; the real value is 021849107.
        let east = complete.frames.flatMap(\.groups).filter { $0.label == "EAST" }.map(\.data)
        #expect(!east.contains(" 21849107"))
        let raw = Fixture.decode(try Fixture.bytes("teleinfo-nom__stream_standard_raw.txt"))
        for group in raw.frames.flatMap(\.groups) where group.known?.format == .digits(9) {
            let allDigits = group.data.allSatisfy { $0.isNumber }
            #expect(allDigits, "\(group)")
        }
    }

    /// In the noisy three-phase capture, every accepted value is one the meter really sends.
    @Test func noisyCaptureAcceptsOnlyPlausibleValues() throws {
        var all = AllGroups()
        var decoder = FrameDecoder()
        decoder.push(try Fixture.bytes("ticdecodecpp__continuous_linky_3P_historical_TIC_with_rx_errors.bin"), into: &all)
        let groups = all.groups
        #expect(groups.count == decoder.statistics.groupsAccepted)
        let addresses = Set(groups.filter { $0.label == "ADCO" }.map(\.data))
        #expect(addresses == ["056234673197"])
        let options = Set(groups.filter { $0.label == "OPTARIF" }.map(\.data))
        #expect(options == ["BASE"])
        #expect(Set(groups.map(\.mode)) == [.historic])
    }
}

/// Every accepted group, whether inside a frame or not.
struct AllGroups: TICSink {
    var groups: [Group] = []
    mutating func accept(_ group: GroupView) { groups.append(group.group) }
}
