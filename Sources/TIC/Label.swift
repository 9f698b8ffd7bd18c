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
        guard bytes.count >= 1, bytes.count <= Label.maximumLength else { return nil }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            guard Label.isLabelCharacter(byte) else { return nil }
            value |= UInt64(byte) << (7 * UInt64(index))
        }
        packed = value
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

    @inlinable
    public static func isLabelCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
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
