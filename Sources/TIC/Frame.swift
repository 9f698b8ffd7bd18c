/// A decoded frame: its verified groups in order, and how it ended. Rejected groups are not in it
/// (they are counted in ``DecoderStatistics``).
public struct Frame: Sendable, Hashable {
    public var groups: [Group] = []
    public var end: FrameEnd = .complete

    public init(groups: [Group] = [], end: FrameEnd = .complete) {
        self.groups = groups
        self.end = end
    }

    /// The mode of its groups (nil for a frame with no verified group).
    public var mode: TICMode? { groups.first?.mode }

    /// The data of the first group with `label`.
    public subscript(label: Label) -> String? {
        groups.first { $0.label == label }?.data
    }
}

/// A ``TICSink`` that keeps owned copies of frames: for tests, tools and printing.
public struct FrameCollector: TICSink, Sendable {
    public private(set) var frames: [Frame] = []
    var current = Frame()

    public init() {}

    public mutating func accept(_ group: GroupView) { current.groups.append(group.group) }

    /// Groups received outside STX…ETX (a capture that starts mid-frame, or after a lost STX) are
    /// kept as an interrupted frame rather than dropped.
    public mutating func frameStarted() {
        if !current.groups.isEmpty {
            current.end = .interrupted
            frames.append(current)
        }
        current = Frame()
    }

    public mutating func frameEnded(_ end: FrameEnd) {
        current.end = end
        frames.append(current)
        current = Frame()
    }

    mutating func takeFrames() -> [Frame] {
        defer { frames = [] }
        return frames
    }
}
