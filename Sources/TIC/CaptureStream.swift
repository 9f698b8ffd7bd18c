/// ``CaptureFile/stream(from:)`` chunk by chunk, for captures of any size (tic-protocol.md §9): feed
/// the file's bytes in order with ``push(_:)``, then call ``finish()``; the concatenated results are
/// the meter bytes `CaptureFile.stream(from:)` returns for the whole file.
///
/// The format (raw, or Python bytes literals) is decided on the first ``sniffLength`` bytes (all of
/// a smaller file) with the same rule as `CaptureFile`; until then nothing is returned. Afterwards a
/// raw capture passes through as it comes, and a literal capture is unescaped line by line (an
/// incomplete line is held back). Memory stays bounded by the sniff length and the longest line.
public struct CaptureStream: Sendable {
    /// How much of the capture the format decision reads.
    public static let sniffLength = 64 * 1024

    private enum Format: Sendable { case undecided, raw, literals }

    private var format = Format.undecided
    /// Undecided: everything so far. Literals: the incomplete last line.
    private var pending: [UInt8] = []
    /// Raw: an STX or ETX was seen (a meter stream, not a text capture of groups).
    private var framed = false
    private var last: UInt8?

    public init() {}

    /// The meter bytes that `chunk` (the next bytes of the capture) completes.
    public mutating func push(_ chunk: [UInt8]) -> [UInt8] {
        switch format {
        case .raw:
            passRaw(chunk)
            return chunk
        case .literals:
            pending += chunk
            return unescapeCompleteLines()
        case .undecided:
            pending += chunk
            guard pending.count >= CaptureStream.sniffLength else { return [] }
            // Decide on whole lines: a literal cut by the sniff length still counts.
            let decided = pending.lastIndex(of: ASCII.lf).map { pending[...$0] } ?? pending[...]
            return decide(literals: CaptureFile.holdsPythonBytesLiterals(decided))
        }
    }

    /// The capture ended: the meter bytes still held back (a last line without its line end).
    public mutating func finish() -> [UInt8] {
        var out: [UInt8] = []
        if format == .undecided { out = decide(literals: CaptureFile.holdsPythonBytesLiterals(pending)) }
        switch format {
        case .raw, .undecided:
            if CaptureFile.needsFinalLineEnd(last: last, framed: framed) { out.append(ASCII.lf) }
        case .literals:
            if CaptureFile.isPythonBytesLiteral(pending[...]) { CaptureFile.unescapePythonBytes(pending[...], into: &out) }
        }
        pending = []
        last = nil
        framed = false
        format = .undecided
        return out
    }

    /// Settles the format and hands out what was held while undecided.
    private mutating func decide(literals: Bool) -> [UInt8] {
        let held = pending
        pending = []
        if literals {
            format = .literals
            pending = held
            return unescapeCompleteLines()
        }
        format = .raw
        passRaw(held)
        return held
    }

    private mutating func passRaw(_ chunk: [UInt8]) {
        guard let end = chunk.last else { return }
        last = end
        if !framed { framed = chunk.contains(ASCII.stx) || chunk.contains(ASCII.etx) }
    }

    /// Unescapes every complete literal line of `pending` and keeps the incomplete rest.
    private mutating func unescapeCompleteLines() -> [UInt8] {
        guard let lineEnd = pending.lastIndex(of: ASCII.lf) else { return [] }
        var out: [UInt8] = []
        for line in pending[..<lineEnd].split(separator: ASCII.lf, omittingEmptySubsequences: true)
        where CaptureFile.isPythonBytesLiteral(line) {
            CaptureFile.unescapePythonBytes(line, into: &out)
        }
        pending.removeSubrange(...lineEnd)
        return out
    }
}
