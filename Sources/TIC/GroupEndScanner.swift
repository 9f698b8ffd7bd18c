/// Whether bytes from the line can complete anything a ``FrameDecoder`` reports (tic-protocol.md
/// §2): a group ends at CR (at LF in a stream whose CRs became LFs, e.g. through `icrnl`), a frame at
/// ETX, an interruption at EOT. Every other byte only fills the group being received.
///
/// A serial reader holds the bytes it reads until one of these arrives and hands the decoder what
/// it holds then: whole groups instead of line-sized slivers (at 1200 Bd a read holds ~4 bytes), with
/// the same result, since the decoder's output does not depend on the chunking, and no delay for a
/// decision, which can only follow a group's end.
public struct GroupEndScanner: Sendable {
    /// A CR was seen: this stream ends its groups with CR, so its LFs only start groups.
    private var endsWithCarriageReturn = false

    public init() {}

    /// Whether `bytes` hold a byte that can complete a group, a frame or an interruption.
    public mutating func mayComplete(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Short reads (1200 Bd: ~4 bytes each, ~70 a historic frame): most hold no control byte at all,
        // which two overlapping loads tell at once; otherwise one pass, byte by byte.
        if bytes.count < 16 {
            if bytes.count >= 4, !Self.mayHoldControlByte(bytes) { return false }
            return mayCompleteShort(bytes)
        }
        // Most reads hold a CR (groups are 10-40 bytes): look for it 8 bytes at a time first (SWAR:
        // a byte equal to CR zeroes in `w ^ 0x0D…`, and `(x - 0x01…) & ~x & 0x80…` flags a zero byte;
        // standard groups' HT separators are control bytes too, so "any byte below 0x20" would not do).
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0D0D_0D0D_0D0D_0D0D
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            offset += 8
        }
        for byte in UnsafeRawBufferPointer(rebasing: bytes[offset...]) where byte == ASCII.cr {
            endsWithCarriageReturn = true
            return true
        }
        // No CR: the rarer ends (frame, interruption; LF in streams without CR).
        for byte in bytes where byte < 0x20 {
            switch byte {
            case ASCII.etx, ASCII.eot: return true
            case ASCII.lf where !endsWithCarriageReturn: return true
            default: continue
            }
        }
        return false
    }

    /// Whether 4 to 15 bytes hold a byte below 0x20, exactly: two overlapping loads cover them all (4-7
    /// bytes: two 32-bit words, 8-15: two 64-bit ones), then the SWAR test "some byte below 0x20"
    /// (`(w - 0x20…) & ~w & 0x80…`: a borrow may flag a byte above a flagged one, never a byte alone).
    @inline(__always)
    static func mayHoldControlByte(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        if count >= 8 {
            let first = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let last = bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            return hasByteBelowSpace(first) || hasByteBelowSpace(last)
        }
        let first = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        let last = UInt64(bytes.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        return hasByteBelowSpace(first | last << 32)
    }

    @inline(__always)
    private static func hasByteBelowSpace(_ word: UInt64) -> Bool {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// ``mayComplete(_:)`` in one pass: a CR returns at once; an ETX, an EOT or an LF (before the
    /// first CR) is noted and the scan goes on, so that a CR later in the read is still recorded.
    private mutating func mayCompleteShort(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var completes = false
        for byte in bytes where byte < 0x20 {
            switch byte {
            case ASCII.cr:
                endsWithCarriageReturn = true
                return true
            case ASCII.etx, ASCII.eot:
                if endsWithCarriageReturn { return true }
                completes = true
            case ASCII.lf where !endsWithCarriageReturn:
                completes = true
            default:
                continue
            }
        }
        return completes
    }
}
