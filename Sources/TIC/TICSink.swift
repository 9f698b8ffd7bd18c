/// Receives what a ``FrameDecoder`` decodes, as soon as it is known: a verified group the moment its
/// CR arrives (so a decision never waits for the end of the frame), and frame boundaries.
public protocol TICSink {
    /// A group that passed its checksum and its field checks. `group.data` is valid only during
    /// this call.
    mutating func accept(_ group: GroupView)
    /// A group byte for byte the same as the last group with its label this decoder accepted (so it
    /// passed its checks, and carries that group's value): a sink that applied that group, and
    /// nothing since that could have undone it, may skip it. Default: ``accept(_:)``.
    mutating func acceptRepeat(_ group: GroupView)
    /// STX: a frame starts.
    mutating func frameStarted()
    /// The current frame ended: by ETX (`.complete`), by EOT or a new STX (`.interrupted`), or by
    /// the end of the input (`.endOfInput`, only from ``FrameDecoder/finish(into:)``).
    mutating func frameEnded(_ end: FrameEnd)
    /// A group that failed a check (already counted in ``DecoderStatistics``), for diagnostics:
    /// `bytes` is the group between LF and CR, valid only during this call.
    mutating func reject(_ bytes: UnsafeBufferPointer<UInt8>, because verdict: GroupValidator.Verdict)
}

extension TICSink {
    public mutating func acceptRepeat(_ group: GroupView) { accept(group) }
    public mutating func frameStarted() {}
    public mutating func frameEnded(_ end: FrameEnd) {}
    public mutating func reject(_ bytes: UnsafeBufferPointer<UInt8>, because verdict: GroupValidator.Verdict) {}
}

public enum FrameEnd: String, Sendable, Hashable {
    case complete
    case interrupted
    case endOfInput
}
