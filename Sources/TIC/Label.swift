/// A group label (`ADCO`, `SINSTS`, `PJOURF+1`…) packed into one integer so that comparing and
/// looking up labels never allocates. [S54] p.13 says labels have at most 8 characters, but its own
/// table and every three-phase standard capture have 9 (`SMAXSN1-1`): up to 9 characters are
/// accepted, 7 bits each (character i is bits 7i…7i+6; unused characters are zero).
public struct Label: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let packed: UInt64
    public static let maximumLength = 9

    /// Packs `bytes`, or returns nil when they are not a well-formed label: 1 to 9 characters among
    /// `A-Z`, `0-9`, `+`, `-`, `_`.
    @inlinable
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count >= 1, count <= Label.maximumLength, let base = bytes.baseAddress else { return nil }
        var value: UInt64 = 0
        var index = count
        while index > 0 {
            index &-= 1
            let byte = base[index]
            guard Label.isLabelCharacter(byte) else { return nil }
            value = value &<< 7 | UInt64(byte)
        }
        packed = value
    }

    /// Packs 1…9 bytes in 0x21…0x7F without checking them further: enough for a hash-table lookup,
    /// since the packing is injective on such bytes (no NUL can hide a shorter label). A result that
    /// is not a known label must still pass ``init(bytes:)``.
    @inlinable
    static func packedCandidate(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let count = bytes.count
        guard count >= 1, count <= Label.maximumLength, let base = bytes.baseAddress else { return nil }
        var value: UInt64 = 0
        var low: UInt8 = 0xFF, high: UInt8 = 0
        var index = count
        while index > 0 {
            index &-= 1
            let byte = base[index]
            low = min(low, byte)
            high = max(high, byte)
            value = value &<< 7 | UInt64(byte)
        }
        return low > 0x20 && high < 0x80 ? value : nil
    }

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let label = bytes.withUnsafeBufferPointer({ Label(bytes: $0) }) else { return nil }
        self = label
    }

    /// For literals in code and tests; an invalid literal is a programming error caught by tests.
    public init(stringLiteral value: String) {
        self = Label(value) ?? Label(packed: 0)
    }

    public init(packed: UInt64) { self.packed = packed }

    /// `A-Z`, `0-9`, `+`, `-`, `_`, as a bit set over 0x00…0x7F.
    @inlinable
    public static func isLabelCharacter(_ byte: UInt8) -> Bool {
        // Bits for 0x2B '+', 0x2D '-', 0x30-0x39 (low word); 0x41-0x5A, 0x5F (high word).
        let low: UInt64 = 0x03FF_2800_0000_0000, high: UInt64 = 0x0000_0000_87FF_FFFE
        if byte < 64 { return low >> UInt64(byte) & 1 == 1 }
        if byte < 128 { return high >> UInt64(byte &- 64) & 1 == 1 }
        return false
    }

    public var description: String {
        var bytes: [UInt8] = []
        var rest = packed
        while rest != 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest & 0x7F))
            rest >>= 7
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: Label, rhs: Label) -> Bool { lhs.packed < rhs.packed }
}
