/// Turns the contents of a capture file into the byte stream a meter would have sent.
///
/// Raw captures (binary, or text with one group per line) are returned unchanged: the decoder copes
/// with missing STX/ETX and LF-only line ends. A capture written as Python `bytes` literals, one per
/// line (`b'\x02\nADCO 0218… L\r…'`, as pyteleinfo keeps them), is unescaped; other lines of such a
/// file (comments) are skipped.
public enum CaptureFile {
    public static func stream(from contents: [UInt8]) -> [UInt8] {
        let lines = contents.split(separator: ASCII.lf, omittingEmptySubsequences: true)
        let literals = lines.filter { $0.starts(with: "b'".utf8) || $0.starts(with: "b\"".utf8) }
        guard !literals.isEmpty, literals.count * 2 >= lines.count - lines.filter({ $0.first == UInt8(ascii: "#") }).count
        else { return contents }
        var out: [UInt8] = []
        for line in literals { unescapePythonBytes(line, into: &out) }
        return out
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
