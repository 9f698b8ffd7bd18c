/// What the decoder has seen. Decoder problems are counted, never thrown (ARCHITECTURE.md).
public struct DecoderStatistics: Sendable, Hashable {
    /// Frames that ended with ETX after an STX.
    public var frames = 0
    /// Groups that passed the checksum and every field check.
    public var groupsAccepted = 0
    /// Groups whose checksum character did not match.
    public var checksumErrors = 0
    /// Groups with a valid checksum (or no checksum structure) whose structure or fields are invalid.
    public var malformedGroups = 0
    /// Frames cut by EOT, or by an STX before their ETX.
    public var interruptedFrames = 0
    /// Bytes received in total.
    public var bytes = 0

    public init() {}

    /// Groups rejected for any reason.
    public var groupsRejected: Int { checksumErrors + malformedGroups }
}
