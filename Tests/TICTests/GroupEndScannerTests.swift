import Testing
import TIC

/// What lets a serial reader hand over what it holds: a CR, ETX or EOT anywhere in the bytes (an LF
/// only until the stream has shown it ends groups with CR). Checked against a plain bytewise scan at
/// every position and chunk size, so the 8-byte skipping can miss nothing.
@Suite struct GroupEndScannerTests {
    static func expected(_ bytes: [UInt8], sawCR: Bool) -> Bool {
        bytes.contains { $0 == ASCII.cr || $0 == ASCII.etx || $0 == ASCII.eot || (!sawCR && $0 == ASCII.lf) }
    }

    @Test func findsEveryCompletingByteAtEveryPosition() {
        // Around it: text, and 8-bit bytes (parity errors): the SWAR tests' borrows must not fool them.
        let backgrounds: [UInt8] = [UInt8(ascii: "A"), 0x21, 0x80, 0xFF]
        let controls: [UInt8] = [ASCII.cr, ASCII.etx, ASCII.eot, ASCII.lf, ASCII.stx, ASCII.ht, 0x00, 0x1F, 0x20, 0x7F]
        for (background, control) in backgrounds.flatMap({ b in controls.map { (b, $0) } }) {
            for length in 1...40 {
                for position in 0..<length {
                    var bytes = [UInt8](repeating: background, count: length)
                    bytes[position] = control
                    Self.check(bytes, "byte \(control) at \(position) of \(length) among \(background)")
                }
            }
        }
    }

    /// A real stream cut into reads of every size: the reads that can complete something are
    /// exactly those holding a CR or ETX (LF before the first CR), whatever the cut.
    @Test func realFramesCutAnywhere() {
        let groups = ["ADCO 021861348497 6", "PTEC HPJR \"", "PAPP 02830 0"].map { [ASCII.lf] + Array($0.utf8) + [ASCII.cr] }
        let stream = [ASCII.stx] + groups.joined() + [ASCII.etx, ASCII.stx] + groups.joined() + [ASCII.etx]
        for size in 1...stream.count {
            var scanner = GroupEndScanner()
            var sawCR = false
            var offset = 0
            while offset < stream.count {
                let chunk = Array(stream[offset..<min(offset + size, stream.count)])
                let got = chunk.withUnsafeBytes { scanner.completionEnd($0) != nil }
                #expect(got == Self.expected(chunk, sawCR: sawCR), "reads of \(size) at \(offset)")
                sawCR = sawCR || chunk.contains(ASCII.cr)
                offset += size
            }
        }
    }
}

extension GroupEndScannerTests {
    /// Just past the last byte that completes something: CR, ETX, EOT, or an LF while no CR came
    /// before it (in the stream so far, this read included).
    static func expectedEnd(_ bytes: [UInt8], sawCR: Bool) -> Int? {
        var saw = sawCR
        var end: Int?
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case ASCII.cr: saw = true; end = index + 1
            case ASCII.etx, ASCII.eot: end = index + 1
            case ASCII.lf where !saw: end = index + 1
            default: break
            }
        }
        return end
    }

    /// `bytes` read after a CR or not: the completion end is exact, and the scanner then knows whether
    /// the stream has shown its CR (an LF alone completes nothing after one).
    static func check(_ bytes: [UInt8], _ comment: String) {
        for sawCR in [false, true] {
            var scanner = GroupEndScanner()
            if sawCR { _ = [ASCII.cr].withUnsafeBytes { scanner.completionEnd($0) } }
            let got = bytes.withUnsafeBytes { scanner.completionEnd($0) }
            #expect(got == expectedEnd(bytes, sawCR: sawCR), "\(comment), CR seen: \(sawCR)")
            let lf = [ASCII.lf].withUnsafeBytes { scanner.completionEnd($0) }
            #expect((lf == nil) == (sawCR || bytes.contains(ASCII.cr)), "\(comment), CR seen: \(sawCR)")
        }
    }

    @Test func completionEndIsJustPastTheLastCompletingByte() {
        let controls: [UInt8] = [ASCII.cr, ASCII.etx, ASCII.eot, ASCII.lf, ASCII.stx, ASCII.ht, 0x00, 0x1F, 0x20, 0x80, 0xFF]
        for length in 1...20 {
            for first in 0..<length {
                for second in first..<length {
                    for (a, b) in controls.flatMap({ a in controls.map { (a, $0) } }) {
                        var bytes = [UInt8](repeating: UInt8(ascii: "A"), count: length)
                        bytes[first] = a
                        bytes[second] = b
                        Self.check(bytes, "\(a) at \(first), \(b) at \(second) of \(length)")
                    }
                }
            }
        }
    }

    /// A reader that hands over bytes up to the completion end and holds the rest decodes every group
    /// and frame end in the same read as one that hands over everything, on a real capture cut into
    /// reads of several sizes.
    @Test func holdingWhatFollowsTheEndDelaysNothing() throws {
        struct Log: TICSink {
            var read = 0
            var log: [String] = []
            mutating func accept(_ group: GroupView) { log.append("\(read) \(group.group)") }
            mutating func frameEnded(_ end: FrameEnd) { log.append("\(read) end \(end)") }
        }
        let bytes = try Fixture.bytes("pyteleinfo__historic_mono_tempo__captured_frames.bin")
        for size in [1, 3, 4, 9, 34] {
            var whole = FrameDecoder(), cut = FrameDecoder()
            var wholeLog = Log(), cutLog = Log()
            var scanner = GroupEndScanner()
            var held: [UInt8] = []
            var offset = 0
            while offset < bytes.count {
                let read = Array(bytes[offset..<min(offset + size, bytes.count)])
                wholeLog.read = offset
                cutLog.read = offset
                whole.push(read, into: &wholeLog)
                held += read
                if let end = read.withUnsafeBytes({ scanner.completionEnd($0) }) {
                    let deliver = held.count - read.count + end
                    cut.push(held[..<deliver], into: &cutLog)
                    held.removeFirst(deliver)
                }
                offset += size
            }
            #expect(cutLog.log == wholeLog.log, "reads of \(size)")
            #expect(cutLog.log.count > 100)
        }
    }
}
