import Testing
import TIC

/// One group's bytes, LF and CR excluded, validated alone.
private func verdict(_ text: String) -> (GroupValidator.Verdict, Group?) {
    let bytes = Array(text.utf8)
    var sum: UInt8 = 0
    for byte in bytes { sum &+= byte }
    var accepted: Group?
    let verdict = bytes.withUnsafeBufferPointer { GroupValidator.validate($0, sum: sum) { accepted = $0.group } }
    return (verdict, accepted)
}

/// `label SEP [horodate SEP] data` with its correct checksum appended, per mode.
func signed(_ zone: String, standard: Bool) -> String {
    let body = standard ? zone + "\t" : zone
    let checksum = Checksum.of(body.utf8)
    return (standard ? body : body + " ") + String(UnicodeScalar(checksum))
}

struct GroupValidatorTests {
    /// The worked examples of tic-protocol.md §1.3, taken from real captures.
    @Test(arguments: [
        "ADCO 021861348497 L", "PTEC HP..  ", "VTIC\t02\tJ", "DATE\tH200214230804\t\t;",
        "SMAXSN-1\tH200213085118\t09562\t ", "DPM1\t 200214060000\t00\t\\",
    ])
    func specificationExamplesVerify(_ group: String) {
        #expect(verdict(group).0 == .accepted)
    }

    @Test func splitsHistoricAndStandardGroups() throws {
        let historic = try #require(verdict("PTEC HP..  ").1)
        #expect(historic.mode == .historic && historic.label == "PTEC" && historic.data == "HP..")
        let date = try #require(verdict("DATE\tH200214230804\t\t;").1)
        #expect(date.mode == .standard && date.data == "" && date.horodate == Horodate("H200214230804"))
        let peak = try #require(verdict("DPM1\t 200214060000\t00\t\\").1)
        #expect(peak.horodate?.season == Horodate.Season.none && peak.data == "00")
        let spaces = try #require(verdict(signed("LTARF\t HEURE  CREUSE  ", standard: true)).1)
        #expect(spaces.data == " HEURE  CREUSE  ") // never trimmed
    }

    @Test(arguments: [
        ("ADCO 021861348497 M", GroupValidator.Verdict.checksumError),
        ("PTEC HP.. @", .checksumError),                   // "mode 2" (final SP summed): not accepted
        ("VTIC\t02\tK", .checksumError),
        ("ADCO021861348497L", .malformed(.noSeparator)),
        ("AB", .malformed(.tooShort)),
    ])
    func rejectsBadChecksumsAndStructure(_ group: String, _ expected: GroupValidator.Verdict) {
        #expect(verdict(group).0 == expected)
    }

    /// Groups whose checksum verifies but whose content no meter sends.
    @Test(arguments: [
        (signed("PAPP 0283", standard: false), GroupValidator.Problem.badData),        // width 5
        (signed("PAPP 02p30", standard: false), .badData),                              // '8' with bit 6 flipped
        (signed("PTEC HCn.", standard: false), .badData),                               // '.' with bit 6 flipped
        (signed("DEMAIN ROUX", standard: false), .badData),
        (signed("STGE\t003A000G", standard: true), .badData),                           // not hex
        (signed("NGTF\t   tempo   ", standard: true), .badData),                        // lower case
        (signed("MSG1\tPAS DE`MESSAGE", standard: true), .badData),                     // space with bit 6 flipped
        (signed("SINSTS\tH230301091834\t00240", standard: true), .horodateMismatch),    // no horodate expected
        (signed("SMAXSN\t01024", standard: true), .horodateMismatch),                   // horodate missing
        (signed("SMAXSN\tX230301065253\t01024", standard: true), .badHorodate),        // season
        (signed("SMAXSN\tH231301065253\t01024", standard: true), .badHorodate),        // month 13
        (signed("PAPP\t02830", standard: true), .wrongMode),                            // historic label, HT
        (signed("SINSTS 00240", standard: false), .wrongMode),
        (signed("papp 02830", standard: false), .badLabel),
        (signed("ABCDEFGHIJ 1", standard: false), .badLabel),                          // 10 characters
        (signed("RELAIS\t00", standard: true), .badData),
        (signed("X\ta\tb\tc", standard: true), .tooManyFields),
        (signed("PTEC H\u{7}..", standard: false), .badData),                          // control byte
        (signed("PAPP 0\u{B0}830", standard: false), .badData),                        // 8-bit byte
        (signed("PA\u{7}P 02830", standard: false), .badLabel),
    ])
    func rejectsMalformedFields(_ group: String, _ problem: GroupValidator.Problem) {
        #expect(verdict(group).0 == .malformed(problem))
    }

    @Test func keepsWellFormedUnknownLabels() throws {
        let group = try #require(verdict(signed("SINST1\t00240", standard: true)).1)
        #expect(group.known == nil && group.label == "SINST1" && group.data == "00240")
        #expect(verdict(signed("NEW\tlower", standard: true)).0 == .malformed(.badData))
    }

    /// Every single flip of bit 6 or 7 in a real group that the checksum cannot see is caught.
    @Test(arguments: [
        "ADCO 021861348497 L", "OPTARIF BBR( S", "PTEC HCJB C", "DEMAIN ROUG +", "PAPP 02830 .",
        "ADSC\t041776199277\tI", "NGTF\t     TEMPO      \tF", "STGE\t463A0800\tA", "DATE\tH200214230804\t\t;",
        "PJOURF+1\t00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE\t2",
    ])
    func bit6And7FlipsAreRejected(_ original: String) {
        let bytes = Array(original.utf8)
        for index in bytes.indices {
            for bit in [6, 7] {
                var corrupted = bytes
                corrupted[index] ^= UInt8(1 << bit)
                let text = String(decoding: corrupted, as: UTF8.self)
                var sum: UInt8 = 0
                for byte in corrupted { sum &+= byte }
                var accepted = false
                _ = corrupted.withUnsafeBufferPointer { GroupValidator.validate($0, sum: sum) { _ in accepted = true } }
                #expect(!accepted, "bit \(bit) of byte \(index): \(text.debugDescription)")
            }
        }
    }
}

/// The 8-at-a-time digit check agrees with the byte-by-byte definition for every byte at every place.
struct DigitCheckTests {
    @Test func agreesWithTheDefinition() {
        for length in [1, 5, 8, 9, 12, 17] {
            for position in 0..<length {
                for byte in UInt8(0)...UInt8(255) {
                    var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: length)
                    bytes[position] = byte
                    let expected = bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                    let format = FieldFormat.digits(length)
                    let accepted = bytes.withUnsafeBufferPointer { format.accepts($0) }
                    #expect(accepted == expected, "length \(length), byte \(byte) at \(position)")
                }
            }
        }
    }
}
