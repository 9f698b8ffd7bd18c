/// The TIC group checksum (tic-protocol.md §1.3): `(S & 0x3F) + 0x20` where S is the byte sum of
/// the checked zone. The result is always in 0x20…0x5F, and may be a space: never trim a group.
///
/// Being 6 bits wide, it cannot see a change of 64 in the sum (a flipped bit 6 or 7 of one byte, or
/// two compensating changes): the per-label field checks in ``GroupValidator`` catch those.
public enum Checksum {
    /// The checksum character of `zone`.
    @inlinable
    public static func of(_ zone: some Sequence<UInt8>) -> UInt8 {
        var sum: UInt8 = 0
        for byte in zone { sum &+= byte }
        return character(forSum: sum)
    }

    /// The checksum character for an already accumulated 8-bit wrapping sum.
    @inlinable
    public static func character(forSum sum: UInt8) -> UInt8 {
        (sum & 0x3F) &+ 0x20
    }

    /// Whether `byte` can be a checksum character at all.
    @inlinable
    public static func isPossible(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x5F
    }
}
