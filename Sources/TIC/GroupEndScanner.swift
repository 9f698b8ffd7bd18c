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
    @usableFromInline var endsWithCarriageReturn = false

    public init() {}

    /// The offset just past the last byte of `bytes` that can complete a group, a frame or an
    /// interruption; nil when none can. A reader hands over the bytes up to there and holds the rest
    /// (the start of the next group): the decoder then gets whole groups, which it checks where they
    /// lie, without copying them. (Inlinable: a reader calls it at every read.)
    @inlinable
    public mutating func completionEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        // Short reads (1200 Bd: ~4 bytes each, ~70 a historic frame): most hold no control byte at all,
        // which two overlapping loads tell at once.
        if bytes.count >= 4, bytes.count < 16, !Self.mayHoldControlByte(bytes) { return nil }
        // From the end: the last completing byte is usually a few bytes before it (at 9600 Bd a read
        // holds ~34 bytes, a group 10-40).
        var index = bytes.count
        while index > 0 {
            index &-= 1
            let byte = bytes[index]
            guard byte < 0x20 else { continue }
            switch byte {
            case ASCII.cr:
                endsWithCarriageReturn = true
                return index &+ 1
            case ASCII.etx, ASCII.eot:
                if !endsWithCarriageReturn, Self.holdsCarriageReturn(bytes, before: index) { endsWithCarriageReturn = true }
                return index &+ 1
            case ASCII.lf where !endsWithCarriageReturn:
                // An LF ends a group only in a stream without CR: unless one came earlier in this read.
                if Self.holdsCarriageReturn(bytes, before: index) {
                    endsWithCarriageReturn = true
                    continue
                }
                return index &+ 1
            default:
                continue
            }
        }
        return nil
    }

    @usableFromInline
    static func holdsCarriageReturn(_ bytes: UnsafeRawBufferPointer, before end: Int) -> Bool {
        for index in 0..<end where bytes[index] == ASCII.cr { return true }
        return false
    }

    /// Whether 4 to 15 bytes hold a byte below 0x20, exactly: two overlapping loads cover them all (4-7
    /// bytes: two 32-bit words, 8-15: two 64-bit ones), then the SWAR test "some byte below 0x20"
    /// (``ASCII/hasControlByte(_:)``).
    @inlinable @inline(__always)
    static func mayHoldControlByte(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        if count >= 8 {
            let first = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let last = bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            return ASCII.hasControlByte(first) || ASCII.hasControlByte(last)
        }
        let first = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        let last = UInt64(bytes.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        return ASCII.hasControlByte(first | last << 32)
    }
}
