/// Turns the contents of a capture file into the byte stream a meter would have sent
/// (tic-protocol.md §9: the capture formats). ``CaptureStream`` does the same chunk by chunk.
///
/// Raw captures (binary, or text with one group per line) are returned unchanged: the decoder copes
/// with missing STX/ETX and LF-only line ends. A text capture (no STX or ETX anywhere: groups only)
/// whose last line has no line end gets one, so that its last group is decoded; a meter stream cut
/// mid-group keeps its unterminated fragment (the decoder drops it). A capture written as Python
/// `bytes` literals, one per line (`b'\x02\nADCO 0218… L\r…'`, as pyteleinfo keeps them), is
/// unescaped; other lines of such a file (comments) are skipped.
public enum CaptureFile {
    public static func stream(from contents: [UInt8]) -> [UInt8] {
        guard holdsPythonBytesLiterals(contents) else {
            let framed = contents.contains(ASCII.stx) || contents.contains(ASCII.etx)
            return needsFinalLineEnd(last: contents.last, framed: framed) ? contents + [ASCII.lf] : contents
        }
        var out: [UInt8] = []
        for line in contents.split(separator: ASCII.lf, omittingEmptySubsequences: true) where isPythonBytesLiteral(line) {
            unescapePythonBytes(line, into: &out)
        }
        return out
    }

    /// Whether `contents` is a file of Python bytes literals: at least one, and at least half of
    /// the non-empty lines that are not `#` comments.
    static func holdsPythonBytesLiterals(_ contents: ArraySlice<UInt8>) -> Bool {
        var lines = 0, comments = 0, literals = 0
        for line in contents.split(separator: ASCII.lf, omittingEmptySubsequences: true) {
            lines += 1
            if line.first == UInt8(ascii: "#") { comments += 1 }
            if isPythonBytesLiteral(line) { literals += 1 }
        }
        return literals > 0 && literals * 2 >= lines - comments
    }

    static func holdsPythonBytesLiterals(_ contents: [UInt8]) -> Bool { holdsPythonBytesLiterals(contents[...]) }

    /// A line that starts with `b'` or `b"`.
    static func isPythonBytesLiteral(_ line: ArraySlice<UInt8>) -> Bool {
        line.count >= 2 && line[line.startIndex] == UInt8(ascii: "b")
            && (line[line.startIndex + 1] == UInt8(ascii: "'") || line[line.startIndex + 1] == UInt8(ascii: "\""))
    }

    /// A raw capture without STX/ETX (one group per line) whose last byte is not a line end.
    static func needsFinalLineEnd(last: UInt8?, framed: Bool) -> Bool {
        guard let last, !framed else { return false }
        return last != ASCII.lf && last != ASCII.cr
    }

    /// Unescapes one Python bytes literal (`b'...'`): `\xHH`, `\n`, `\r`, `\t`, `\\`, `\'`, `\"`.
    static func unescapePythonBytes(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var bytes = Array(line.dropFirst(2))
        while let last = bytes.last, last == UInt8(ascii: " ") || last == ASCII.cr { bytes.removeLast() }
        if !bytes.isEmpty { bytes.removeLast() } // the closing quote
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                out.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            switch next {
            case UInt8(ascii: "n"): out.append(ASCII.lf); index += 2
            case UInt8(ascii: "r"): out.append(ASCII.cr); index += 2
            case UInt8(ascii: "t"): out.append(ASCII.ht); index += 2
            case UInt8(ascii: "x") where index + 3 < bytes.count:
                if let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3]) {
                    out.append(high << 4 | low)
                    index += 4
                } else {
                    out.append(byte)
                    index += 1
                }
            default: out.append(next); index += 2
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
