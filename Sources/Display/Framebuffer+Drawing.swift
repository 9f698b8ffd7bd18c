/// Infallible drawing primitives, clipped to the panel.
extension Framebuffer {
    /// A straight line from one point to another, both included (Bresenham).
    public mutating func drawLine(fromX x0: Int, y y0: Int, toX x1: Int, y y1: Int, lit: Bool = true) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            self[x, y] = lit
            if x == x1 && y == y1 { return }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// A horizontal line of `length` pixels starting at (x, y).
    public mutating func drawHorizontalLine(x: Int, y: Int, length: Int, lit: Bool = true) {
        guard length > 0 else { return }
        for column in x..<x + length { self[column, y] = lit }
    }

    /// A rectangle outline (`filled: false`) or a solid rectangle.
    public mutating func drawRect(x: Int, y: Int, width: Int, height: Int, filled: Bool = false, lit: Bool = true) {
        guard width > 0, height > 0 else { return }
        if filled {
            for row in y..<y + height { drawHorizontalLine(x: x, y: row, length: width, lit: lit) }
            return
        }
        drawHorizontalLine(x: x, y: y, length: width, lit: lit)
        drawHorizontalLine(x: x, y: y + height - 1, length: width, lit: lit)
        for row in y..<y + height {
            self[x, row] = lit
            self[x + width - 1, row] = lit
        }
    }

    /// Inverts the pixels of a rectangle (white-on-black becomes black-on-white).
    public mutating func invertRect(x: Int, y: Int, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        for row in y..<y + height {
            for column in x..<x + width { self[column, row].toggle() }
        }
    }

    /// Draws `text` with its top-left corner at (x, y); returns the x just after the last glyph.
    /// `scale` repeats every pixel (2 → each font pixel is 2x2).
    @discardableResult
    public mutating func drawText(_ text: String, x: Int, y: Int, font: BitmapFont, scale: Int = 1, lit: Bool = true) -> Int {
        let scale = max(scale, 1)
        var cursor = x
        for scalar in text.unicodeScalars {
            if let glyph = font.glyph(scalar) {
                for (row, bits) in glyph.enumerated() where bits != 0 {
                    for column in 0..<font.width where bits & (0x8000 >> UInt16(column)) != 0 {
                        for dy in 0..<scale {
                            for dx in 0..<scale {
                                self[cursor + column * scale + dx, y + row * scale + dy] = lit
                            }
                        }
                    }
                }
            }
            cursor += font.width * scale
        }
        return cursor
    }

    /// Draws `text` so that it ends at `right` (exclusive); returns its left x.
    @discardableResult
    public mutating func drawText(_ text: String, right: Int, y: Int, font: BitmapFont, scale: Int = 1, lit: Bool = true) -> Int {
        let left = right - font.width(of: text) * max(scale, 1)
        drawText(text, x: left, y: y, font: font, scale: scale, lit: lit)
        return left
    }

    /// Draws `text` centred horizontally in `x..<x+width`.
    public mutating func drawText(_ text: String, centredIn x: Int, width: Int, y: Int, font: BitmapFont, lit: Bool = true) {
        drawText(text, x: x + (width - font.width(of: text)) / 2, y: y, font: font, lit: lit)
    }
}
