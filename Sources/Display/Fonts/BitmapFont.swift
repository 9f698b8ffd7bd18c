/// A fixed-cell bitmap font: every glyph is `height` rows of 16 bits (bit 15 = leftmost pixel),
/// advancing `width` pixels. The tables are generated from X11 misc-fixed (public domain) by
/// `scripts/generate-font.py`; see `BitmapFont+Fixed6x10.swift` and docs/display.md.
public struct BitmapFont: Sendable {
    public let name: String
    /// Advance in pixels.
    public let width: Int
    /// Rows of every glyph.
    public let height: Int
    /// Rows above the baseline.
    public let ascent: Int
    /// Code points, ascending.
    let scalars: [UInt32]
    /// `height` rows per scalar, in `scalars` order.
    let rows: [UInt16]

    public init(name: String, width: Int, height: Int, ascent: Int, scalars: [UInt32], rows: [UInt16]) {
        self.name = name
        self.width = width
        self.height = height
        self.ascent = ascent
        self.scalars = scalars
        self.rows = rows
    }

    /// Whether the font has a glyph for `scalar` (others draw as `?`, or a blank cell without one).
    public func contains(_ scalar: Unicode.Scalar) -> Bool { index(of: scalar.value) != nil }

    /// The rows of `scalar`'s glyph, falling back to `?`.
    func glyph(_ scalar: Unicode.Scalar) -> ArraySlice<UInt16>? {
        guard let index = index(of: scalar.value) ?? index(of: 0x3F) else { return nil }
        let start = index * height
        guard start + height <= rows.count else { return nil }
        return rows[start..<start + height]
    }

    /// Width of `text` in pixels (one cell per Unicode scalar).
    public func width(of text: String) -> Int { text.unicodeScalars.count * width }

    private func index(of value: UInt32) -> Int? {
        var low = 0, high = scalars.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if scalars[middle] == value { return middle }
            if scalars[middle] < value { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
