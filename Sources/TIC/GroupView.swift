/// One information group that passed its checksum and every field check, as the decoder hands it to
/// a ``TICSink``. `data` points into the decoder's buffer: it is valid only during the call that
/// receives the view; copy it (``dataString``) to keep it.
public struct GroupView {
    public let mode: TICMode
    public let label: Label
    /// The specification's label, or nil for a well-formed label it does not list (kept raw).
    public let known: KnownLabel?
    public let horodate: Horodate?
    public let data: UnsafeBufferPointer<UInt8>

    /// The data as a String, exactly as sent (not trimmed).
    public var dataString: String { String(decoding: data, as: UTF8.self) }

    /// The data as an unsigned decimal number; nil unless it is all digits.
    @inlinable
    public var number: Int? {
        guard !data.isEmpty else { return nil }
        var value = 0
        for byte in data {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }

    /// The data as a hexadecimal number; nil unless it is all hex digits.
    public var hexNumber: UInt32? {
        guard !data.isEmpty, data.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in data {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x41...0x46: nibble = byte - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// Whether the data equals `text` byte for byte.
    @inlinable
    public func dataEquals(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { $0.elementsEqual(data) }
    }

    /// An owned copy.
    public var group: Group { Group(mode: mode, label: label, horodate: horodate, data: dataString) }
}

/// An owned, verified group: what a ``Frame`` holds.
public struct Group: Sendable, Hashable, CustomStringConvertible {
    public var mode: TICMode
    public var label: Label
    public var horodate: Horodate?
    public var data: String

    public init(mode: TICMode, label: Label, horodate: Horodate? = nil, data: String) {
        self.mode = mode
        self.label = label
        self.horodate = horodate
        self.data = data
    }

    public var known: KnownLabel? { KnownLabel.lookup(label) }

    public var description: String {
        let sep = mode == .historic ? " " : "\t"
        if let horodate { return "\(label)\(sep)\(horodate)\(sep)\(data)" }
        return "\(label)\(sep)\(data)"
    }
}
