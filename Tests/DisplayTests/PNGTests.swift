@testable import Display
import Foundation
import Testing

@Suite struct PNGTests {
    struct Chunk { var type: String; var data: [UInt8]; var crc: UInt32 }

    static func chunks(_ png: [UInt8]) throws -> [Chunk] {
        var result: [Chunk] = []
        var index = 8
        func be32(_ at: Int) -> UInt32 { png[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        while index < png.count {
            let length = Int(be32(index))
            let type = String(decoding: png[index + 4..<index + 8], as: UTF8.self)
            try #require(index + 12 + length <= png.count)
            result.append(Chunk(type: type, data: Array(png[index + 8..<index + 8 + length]), crc: be32(index + 8 + length)))
            #expect(PNGEncoder.crc32(png[index + 4..<index + 8 + length]) == be32(index + 8 + length), "CRC of \(type)")
            index += 12 + length
        }
        return result
    }

    /// Inflates a zlib stream made of stored blocks (what the encoder writes), checking the Adler-32.
    static func inflateStored(_ zlib: [UInt8]) throws -> [UInt8] {
        #expect((UInt16(zlib[0]) << 8 | UInt16(zlib[1])) % 31 == 0, "zlib header check")
        var out: [UInt8] = []
        var index = 2
        while true {
            let header = zlib[index]
            #expect(header & 0b110 == 0, "stored block")
            let length = Int(zlib[index + 1]) | Int(zlib[index + 2]) << 8
            let complement = Int(zlib[index + 3]) | Int(zlib[index + 4]) << 8
            #expect(length ^ complement == 0xFFFF)
            out += zlib[index + 5..<index + 5 + length]
            index += 5 + length
            if header & 1 == 1 { break }
        }
        let adler = zlib[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(adler == PNGEncoder.adler32(out))
        return out
    }

    @Test func previewIsAValidPNGOfTheScaledPanel() throws {
        var frame = Framebuffer(size: .size128x64)
        frame[0, 0] = true
        frame[127, 63] = true
        let png = frame.png(scale: 4)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "PLTE", "IDAT", "IEND"])
        let ihdr = chunks[0].data
        let width = ihdr[0..<4].reduce(0) { $0 << 8 | Int($1) }, height = ihdr[4..<8].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 128 * 4 + 8 && height == 64 * 4 + 8)
        #expect(Array(ihdr[8...]) == [1, 3, 0, 0, 0])
        let raw = try Self.inflateStored(chunks[2].data)
        let rowBytes = (width + 7) / 8
        #expect(raw.count == (rowBytes + 1) * height)
        // Panel pixel (0, 0) is image pixels 4…7 of rows 4…7 (after the one-pixel border of 4).
        #expect(raw[4 * (rowBytes + 1)] == 0 && raw[4 * (rowBytes + 1) + 1] == 0b0000_1111)
    }

    @Test func checksumsMatchKnownValues() {
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        let big = [UInt8](repeating: 0xFF, count: 200_000)
        #expect(PNGEncoder.zlibStored(big).count == 2 + 4 + 200_000 + 5 * 4)
    }

    /// Python's zlib (when present) agrees that the stream inflates to the raw rows.
    @Test func pythonZlibInflatesTheStream() throws {
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return }
        let data = (0..<70_000).map { UInt8($0 % 251) }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", "import sys, zlib; sys.stdout.write(str(len(zlib.decompress(sys.stdin.buffer.read()))))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(PNGEncoder.zlibStored(data)))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && text == "70000")
    }
}
