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
                    for sawCR in [false, true] {
                        var scanner = GroupEndScanner()
                        if sawCR { _ = [ASCII.cr].withUnsafeBytes { scanner.mayComplete($0) } }
                        let got = bytes.withUnsafeBytes { scanner.mayComplete($0) }
                        #expect(got == Self.expected(bytes, sawCR: sawCR), "byte \(control) at \(position) of \(length) among \(background), CR seen: \(sawCR)")
                    }
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
                let got = chunk.withUnsafeBytes { scanner.mayComplete($0) }
                #expect(got == Self.expected(chunk, sawCR: sawCR), "reads of \(size) at \(offset)")
                sawCR = sawCR || chunk.contains(ASCII.cr)
                offset += size
            }
        }
    }
}
