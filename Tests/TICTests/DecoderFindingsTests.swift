import Testing
@testable import TIC

/// Decoder problems found while writing the simulator, pinned by real captured groups.
@Suite struct DecoderFindingsTests {
    /// teleinfo-nom `message_standard.txt` (three-phase Linky) sends `SMAXSN1-1`, `SMAXSN2-1`,
    /// `SMAXSN3-1`: 9-character labels, where [S54] p.13 says 8 at most. ``Label`` packs 9 characters
    /// of 7 bits, so these groups are accepted and known.
    @Test(arguments: [
        "SMAXSN1-1\tH200213085118\t03129\tJ",
        "SMAXSN2-1\tH200213101142\t03366\t@",
        "SMAXSN3-1\tH200213085118\t03191\tK",
    ])
    func nineCharacterLabelsOfRealThreePhaseFramesAreAccepted(_ wire: String) {
        var decoder = FrameDecoder()
        var recorder = GroupRecorder()
        decoder.push([ASCII.lf] + Array(wire.utf8) + [ASCII.cr], into: &recorder)
        #expect(decoder.statistics.groupsAccepted == 1)
        #expect(recorder.groups.first?.label.description == String(wire.prefix(9)))
        #expect(recorder.groups.first?.known?.text == String(wire.prefix(9)))
        #expect(Label(String(wire.prefix(9))) != nil)
    }

    /// A tenth character is not a label any more.
    @Test func tenCharactersAreNotALabel() {
        #expect(Label(String("SMAXSN1-1X")) == nil)
    }
}

/// Every label of the specification packs to its own non-zero value and is found again.
@Test func everyKnownLabelPacksAndIsFound() {
    let packed = KnownLabel.allCases.map(\.label.packed)
    #expect(!packed.contains(0))
    #expect(Set(packed).count == KnownLabel.allCases.count)
    for known in KnownLabel.allCases {
        #expect(KnownLabel.lookup(known.label) == known && known.label.description == known.text)
    }
}
