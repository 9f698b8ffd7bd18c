/// A 1-bit-per-pixel image laid out exactly like the SSD1306's GDDRAM (datasheet §8.7, Figure 8-13
/// and 8-14): `pages` rows of 8 pixels; in each page one byte per column, bit 0 the top row of the page.
/// Pixel (x, y) is bit `y % 8` of byte `(y / 8) * width + x`. x grows to the right, y downwards.
///
/// Drawing never fails: anything outside the panel is clipped.
public struct Framebuffer: Sendable, Hashable {
    public let size: PanelSize
    /// The GDDRAM image, page after page, `width` bytes a page.
    public private(set) var bytes: [UInt8]

    /// A blank (all off) framebuffer.
    public init(size: PanelSize) {
        self.size = size
        bytes = [UInt8](repeating: 0, count: size.width * size.pages)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    /// Whether the pixel is lit; pixels outside read as off, writes outside are ignored.
    public subscript(x: Int, y: Int) -> Bool {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return false }
            return bytes[(y >> 3) * width + x] & (1 << UInt8(y & 7)) != 0
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            let index = (y >> 3) * width + x
            if newValue {
                bytes[index] |= 1 << UInt8(y & 7)
            } else {
                bytes[index] &= ~(1 << UInt8(y & 7))
            }
        }
    }

    /// The `width` bytes of GDDRAM page `page` (0…pages-1), as the driver sends them.
    public func page(_ page: Int) -> ArraySlice<UInt8> {
        let start = page * width
        return bytes[start..<start + width]
    }

    /// Inverts every pixel of the panel.
    public mutating func invertAll() {
        for index in bytes.indices { bytes[index] = ~bytes[index] }
    }

    /// The same image moved by (`dx`, `dy`) pixels; what leaves the panel is lost, what enters is off.
    public func shifted(dx: Int, dy: Int) -> Framebuffer {
        guard dx != 0 || dy != 0 else { return self }
        var result = Framebuffer(size: size)
        for y in 0..<height {
            for x in 0..<width where self[x, y] {
                result[x + dx, y + dy] = true
            }
        }
        return result
    }

    /// The image turned by 180 degrees (what a panel mounted upside down needs when its driver cannot
    /// remap; the SSD1306 driver remaps in hardware instead).
    public func rotated180() -> Framebuffer {
        var result = Framebuffer(size: size)
        for y in 0..<height {
            for x in 0..<width where self[x, y] {
                result[width - 1 - x, height - 1 - y] = true
            }
        }
        return result
    }

    /// The number of lit pixels (burn-in statistics, tests).
    public var litPixelCount: Int { bytes.reduce(0) { $0 + $1.nonzeroBitCount } }
}
