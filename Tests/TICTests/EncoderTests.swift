import Testing
@testable import TIC

/// TICEncoder against the worked examples of tic-protocol.md §1.3 and real captures.
@Suite struct EncoderTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let group: Group
        /// The bytes between LF and CR, as in the capture.
        let wire: String
        var testDescription: String { wire }
    }

    static let examples: [Example] = [
        // tic-protocol.md §1.3 worked examples.
        Example(group: Group(mode: .historic, label: "ADCO", data: "021861348497"), wire: "ADCO 021861348497 L"),
        Example(group: Group(mode: .historic, label: "PTEC", data: "HP.."), wire: "PTEC HP..  "),
        Example(group: Group(mode: .standard, label: "VTIC", data: "02"), wire: "VTIC\t02\tJ"),
        Example(group: Group(mode: .standard, label: "DATE", horodate: Horodate("H200214230804"), data: ""),
                wire: "DATE\tH200214230804\t\t;"),
        Example(group: Group(mode: .standard, label: "SMAXSN-1", horodate: Horodate("H200213085118"), data: "09562"),
                wire: "SMAXSN-1\tH200213085118\t09562\t "),
        Example(group: Group(mode: .standard, label: "DPM1", horodate: Horodate(" 200214060000"), data: "00"),
                wire: "DPM1\t 200214060000\t00\t\\"),
        // teleinfo-nom message.txt / message_standard.txt, ticdecodecpp 1P standard.
        Example(group: Group(mode: .historic, label: "OPTARIF", data: "BBR("), wire: "OPTARIF BBR( S"),
        Example(group: Group(mode: .historic, label: "PAPP", data: "00120"), wire: "PAPP 00120 $"),
        Example(group: Group(mode: .historic, label: "BASE", data: "010151175"), wire: "BASE 010151175  "),
        Example(group: Group(mode: .standard, label: "LTARF", data: "   HC  BLANC    "), wire: "LTARF\t   HC  BLANC    \t6"),
        Example(group: Group(mode: .standard, label: "STGE", data: "463A0800"), wire: "STGE\t463A0800\tK"),
        Example(group: Group(mode: .standard, label: "MSG1", data: "PAS DE          MESSAGE         "),
                wire: "MSG1\tPAS DE          MESSAGE         \t<"),
        Example(group: Group(mode: .standard, label: "PJOURF+1",
                             data: "00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE"),
                wire: "PJOURF+1\t00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE\t."),
        Example(group: Group(mode: .standard, label: "CCASN-1", horodate: Horodate("H230301083000"), data: "00162"),
                wire: "CCASN-1\tH230301083000\t00162\tV"),
    ]

    @Test(arguments: examples)
    func groupMatchesCapture(_ example: Example) {
        #expect(example.group.horodate != nil || !example.wire.hasPrefix("DATE"))
        let expected = [ASCII.lf] + Array(example.wire.utf8) + [ASCII.cr]
        #expect(TICEncoder.encode(example.group) == expected)
        #expect(TICEncoder.checksum(of: example.group) == example.wire.utf8.last)
    }

    @Test func checksumExamplesFromSpecification() {
        #expect(TICEncoder.checksum(of: Group(mode: .historic, label: "ADCO", data: "021861348497")) == UInt8(ascii: "L"))
        #expect(TICEncoder.checksum(of: Group(mode: .historic, label: "PTEC", data: "HP..")) == UInt8(ascii: " "))
        #expect(TICEncoder.checksum(of: Group(mode: .standard, label: "VTIC", data: "02")) == UInt8(ascii: "J"))
        let date = Group(mode: .standard, label: "DATE", horodate: Horodate("H200214230804"), data: "")
        #expect(TICEncoder.checksum(of: date) == UInt8(ascii: ";"))
    }

    @Test func historicZoneExcludesLastSeparatorStandardIncludesIt() {
        // Same label and data: the standard zone has one more separator (HT, 0x09) and uses HT inside.
        let historic = Group(mode: .historic, label: "PAPP", data: "00120")
        let standard = Group(mode: .standard, label: "PAPP", data: "00120")
        let sum = "PAPP".utf8.reduce(UInt8(0), &+) &+ "00120".utf8.reduce(UInt8(0), &+)
        #expect(TICEncoder.checksum(of: historic) == Checksum.character(forSum: sum &+ 0x20))
        #expect(TICEncoder.checksum(of: standard) == Checksum.character(forSum: sum &+ 0x09 &+ 0x09))
    }

    @Test func frameIsSTXGroupsETXAndDecodesBack() {
        let groups = [
            Group(mode: .historic, label: "ADCO", data: "031961098836"),
            Group(mode: .historic, label: "PTEC", data: "HPJB"),
            Group(mode: .historic, label: "DEMAIN", data: "BLEU"),
        ]
        let bytes = TICEncoder.encodeFrame(groups)
        #expect(bytes.first == ASCII.stx)
        #expect(bytes.last == ASCII.etx)
        #expect(Array(bytes[1..<bytes.count - 1]) == groups.flatMap(TICEncoder.encode))
        var decoder = FrameDecoder()
        let frames = decoder.push(bytes)
        #expect(frames == [Frame(groups: groups, end: .complete)])
        #expect(decoder.statistics.groupsRejected == 0)
    }

    @Test func appendingKeepsExistingBytes() {
        var bytes: [UInt8] = [0x55]
        TICEncoder.append(Group(mode: .standard, label: "VTIC", data: "02"), to: &bytes)
        #expect(bytes == [0x55, ASCII.lf] + Array("VTIC\t02\tJ".utf8) + [ASCII.cr])
    }

    @Test func interruptedFrameEndsWithEOTAndDecodesAsInterrupted() {
        let first = [Group(mode: .historic, label: "ADCO", data: "031961098836")]
        let second = [Group(mode: .historic, label: "PTEC", data: "HCJB")]
        var bytes: [UInt8] = []
        TICEncoder.appendInterruptedFrame(first, to: &bytes)
        #expect(bytes.last == ASCII.eot)
        TICEncoder.appendFrame(second, to: &bytes)
        var decoder = FrameDecoder()
        let frames = decoder.push(bytes)
        #expect(frames == [Frame(groups: first, end: .interrupted), Frame(groups: second, end: .complete)])
        #expect(decoder.statistics.interruptedFrames == 1)
        #expect(decoder.statistics.frames == 1)
    }
}
