/// The two TIC output modes of French meters (tic-protocol.md §1, §2).
///
/// | mode | speed | field separator | checksum zone |
/// |---|---|---|---|
/// | historic (TIC v01) | 1200 Bd 7E1 | SP (0x20) | label SP data — the last SP excluded |
/// | standard (TIC v02, Linky) | 9600 Bd 7E1 | HT (0x09) | label HT [horodate HT] data HT — the last HT included |
public enum TICMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case historic
    case standard

    /// Line speed in baud (tic-protocol.md §2.1).
    public var baudRate: Int {
        switch self {
        case .historic: 1200
        case .standard: 9600
        }
    }

    /// The byte between the fields of a group.
    public var separator: UInt8 {
        switch self {
        case .historic: ASCII.sp
        case .standard: ASCII.ht
        }
    }

    /// The other mode: what auto-detection tries next.
    public var other: TICMode { self == .historic ? .standard : .historic }

    /// Time one byte takes on the wire: start bit, 7 data bits, parity, stop bit = 10 bits.
    public var nanosecondsPerByte: Int64 { 10 * 1_000_000_000 / Int64(baudRate) }

    public var description: String { rawValue }
}

/// The control and separator bytes of the TIC framing (tic-protocol.md §1.1).
public enum ASCII {
    public static let stx: UInt8 = 0x02
    public static let etx: UInt8 = 0x03
    public static let eot: UInt8 = 0x04
    public static let ht: UInt8 = 0x09
    public static let lf: UInt8 = 0x0A
    public static let cr: UInt8 = 0x0D
    public static let sp: UInt8 = 0x20

    /// Whether one of the eight bytes of `word` is below 0x20 (a control byte: every framing byte and
    /// HT), SWAR: `(w - 0x20…) & ~w & 0x80…` sets the top bit of each such byte; a borrow may also
    /// flag a byte above a flagged one, never a byte alone, so the answer is exact for "some byte".
    @inlinable @inline(__always)
    static func hasControlByte(_ word: UInt64) -> Bool {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0
    }
}
