/// What the data field of a label may hold. Every group is checked against it after its checksum,
/// because the 6-bit checksum misses a flipped bit 6 or 7 (see ``Checksum``). The rules are chosen
/// so that any single flip of bit 6 or 7 in a field turns it invalid:
/// digits become `p`…`y` or control bytes, letters become control bytes, and text is limited to
/// 0x20…0x5F (upper case, digits, punctuation) — every real capture and every example of the
/// specification is upper case, and a lower-case or 8-bit character is what a flip produces.
public enum FieldFormat: Sendable, Hashable {
    /// Exactly `n` decimal digits, zero-padded (tic-protocol.md §1.2, [S54] §6.2.1.2).
    case digits(Int)
    /// Exactly `n` characters among `0-9` and `A-Z` (addresses; anonymised captures use `X`).
    case alphanumeric(Int)
    /// Exactly `n` upper-case hexadecimal digits (STGE, PPOT).
    case hex(Int)
    /// 1 to `n` characters in 0x20…0x5F. Not padded strictly (an NGTF of 10 characters exists).
    case text(Int)
    /// An empty field (`DATE`, whose value is its horodate).
    case empty
    /// A historic period code (PTEC): `TH..`, `HC..`, `HP..`, `HN..`, `PM..`, `H[CP]J[BWR]`.
    case historicPeriod
    /// A Tempo colour of tomorrow (DEMAIN): `----`, `BLEU`, `BLAN`, `ROUG`.
    case tomorrowColor
    /// OPTARIF: `BASE`, `HC..`, `EJP.` or `BBR` followed by one printable character.
    case tariffOption
    /// One upper-case letter (HHPHC).
    case letter
    /// PJOURF+1 / PPOINTE: 11 blocks `HHMMSSSS` or `NONUTILE` separated by single spaces (§6.2).
    case dayProfile

    /// Whether `data` matches this format.
    public func accepts(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .digits(let n):
            return data.count == n && FieldFormat.allDigits(data)
        case .alphanumeric(let n):
            return data.count == n && data.allSatisfy { FieldFormat.isDigit($0) || FieldFormat.isUpper($0) }
        case .hex(let n):
            return data.count == n && data.allSatisfy(FieldFormat.isHexDigit)
        case .text(let n):
            return !data.isEmpty && data.count <= n && data.allSatisfy(FieldFormat.isText)
        case .empty:
            return data.isEmpty
        case .historicPeriod:
            guard data.count == 4 else { return false }
            switch (data[0], data[1], data[2], data[3]) {
            case (0x54, 0x48, 0x2E, 0x2E), (0x48, 0x43, 0x2E, 0x2E), (0x48, 0x50, 0x2E, 0x2E),  // TH.. HC.. HP..
                 (0x48, 0x4E, 0x2E, 0x2E), (0x50, 0x4D, 0x2E, 0x2E):                            // HN.. PM..
                return true
            case (0x48, 0x43, 0x4A, let c), (0x48, 0x50, 0x4A, let c):                          // HCJx HPJx
                return c == 0x42 || c == 0x57 || c == 0x52
            default:
                return false
            }
        case .tomorrowColor:
            guard data.count == 4 else { return false }
            let word = FieldFormat.word(data)
            return word == FieldFormat.word("----") || word == FieldFormat.word("BLEU")
                || word == FieldFormat.word("BLAN") || word == FieldFormat.word("ROUG")
        case .tariffOption:
            guard data.count == 4 else { return false }
            let word = FieldFormat.word(data)
            if word == FieldFormat.word("BASE") || word == FieldFormat.word("HC..") || word == FieldFormat.word("EJP.") {
                return true
            }
            return data[0] == UInt8(ascii: "B") && data[1] == UInt8(ascii: "B") && data[2] == UInt8(ascii: "R")
                && FieldFormat.isText(data[3])
        case .letter:
            return data.count == 1 && FieldFormat.isUpper(data[0])
        case .dayProfile:
            return FieldFormat.isDayProfile(data)
        }
    }

    @inlinable static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inlinable static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inlinable static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b &- 0x41 < 6) }
    /// Printable and upper case: 0x20…0x5F.
    @inlinable static func isText(_ b: UInt8) -> Bool { b &- 0x20 < 0x40 }

    /// Whether every byte is `0`…`9`: eight at a time (SWAR: after XOR with `0` every byte must be
    /// 0…9, i.e. a zero high nibble, and adding 6 must not carry into it), the rest one by one.
    @inlinable static func allDigits(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = data.baseAddress else { return true }
        var index = 0
        while index &+ 8 <= data.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
            if word & 0xF0F0_F0F0_F0F0_F0F0 != 0 || (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 != 0 {
                return false
            }
            index &+= 8
        }
        while index < data.count {
            if !isDigit(base[index]) { return false }
            index &+= 1
        }
        return true
    }

    /// Four bytes as one little-endian word, to compare short codes without a loop.
    @inlinable static func word(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard data.count >= 4, let base = data.baseAddress else { return 0 }
        return UnsafeRawPointer(base).loadUnaligned(as: UInt32.self)
    }

    @inlinable static func word(_ code: StaticString) -> UInt32 {
        code.withUTF8Buffer { word($0) }
    }

    /// `NONUTILE`, compared as one 64-bit word.
    static func isUnused(_ block: UnsafeBufferPointer<UInt8>) -> Bool {
        guard block.count == 8, let base = block.baseAddress else { return false }
        return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) == 0x454C_4954_554E_4F4E // "NONUTILE" little-endian
    }

    private static func isDayProfile(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        guard data.count == 98 else { return false }
        for block in 0..<11 {
            let start = block * 9
            if block > 0, data[start - 1] != ASCII.sp { return false }
            let slice = UnsafeBufferPointer(rebasing: data[start..<start + 8])
            if isUnused(slice) { continue }
            let time = slice[0..<4], action = slice[4..<8]
            guard time.allSatisfy(isDigit), action.allSatisfy(isHexDigit) else { return false }
        }
        return true
    }
}
