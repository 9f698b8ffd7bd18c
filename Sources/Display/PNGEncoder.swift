/// A minimal PNG writer for previews (PNG specification, ISO/IEC 15948 / W3C PNG 2nd ed.): one
/// indexed-colour image, 1 bit per pixel, a two-entry palette, filter type 0 on every row, and the
/// zlib stream (RFC 1950) made of stored (uncompressed) deflate blocks (RFC 1951 §3.2.4). No zlib
/// needed; files are a few tens of kilobytes at most.
public enum PNGEncoder {
    /// An RGB colour of the palette.
    public struct Color: Sendable, Hashable {
        public var red: UInt8, green: UInt8, blue: UInt8
        public init(red: UInt8, green: UInt8, blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }
    }

    /// The PNG file of a `width` × `height` image where `isLit(x, y)` chooses `lit` or `unlit`.
    public static func encode(
        width: Int, height: Int, unlit: Color, lit: Color, isLit: (Int, Int) -> Bool
    ) -> [UInt8] {
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [1, 3, 0, 0, 0]  // bit depth 1, colour type 3 (palette), deflate, filter 0, no interlace

        let rowBytes = (width + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter type None
            var byte: UInt8 = 0
            for x in 0..<width {
                if isLit(x, y) { byte |= 0x80 >> UInt8(x & 7) }
                if x & 7 == 7 || x == width - 1 {
                    raw.append(byte)
                    byte = 0
                }
            }
        }

        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk("IHDR", header, to: &file)
        appendChunk("PLTE", [unlit.red, unlit.green, unlit.blue, lit.red, lit.green, lit.blue], to: &file)
        appendChunk("IDAT", zlibStored(raw), to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// A zlib stream (RFC 1950) holding `data` in stored deflate blocks of at most 65 535 bytes.
    public static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // CM 8, CINFO 7; FLEVEL 0, FCHECK so that 0x7801 % 31 == 0
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isLast = offset + count == data.count
            out.append(isLast ? 1 : 0)  // BFINAL, BTYPE 00 (stored), byte-aligned
            let length = UInt16(count)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        out.appendBigEndian(adler32(data))
        return out
    }

    /// Adler-32 (RFC 1950 §8.2).
    public static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for chunk in stride(from: 0, to: data.count, by: 5552) {
            for byte in data[chunk..<min(chunk + 5552, data.count)] {
                a += UInt32(byte)
                b += a
            }
            a %= 65_521
            b %= 65_521
        }
        return b << 16 | a
    }

    /// CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320 reflected; PNG spec Annex D).
    public static func crc32<S: Sequence<UInt8>>(_ data: S) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        file.appendBigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        file += typed
        file.appendBigEndian(crc32(typed))
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}

extension Framebuffer {
    /// A PNG preview: every panel pixel becomes a `scale` × `scale` square (4 by default, so a person
    /// can read it), with a border of one panel pixel; lit pixels in the pale blue-white of an OLED.
    public func png(scale: Int = 4) -> [UInt8] {
        let scale = max(scale, 1)
        let border = scale
        return PNGEncoder.encode(
            width: width * scale + 2 * border, height: height * scale + 2 * border,
            unlit: .init(red: 0x0A, green: 0x0C, blue: 0x10), lit: .init(red: 0xB8, green: 0xE4, blue: 0xFF)
        ) { x, y in
            let px = x - border, py = y - border
            guard px >= 0, py >= 0 else { return false }
            return self[px / scale, py / scale]
        }
    }
}
