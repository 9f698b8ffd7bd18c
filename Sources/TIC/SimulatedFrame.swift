/// One frame produced by ``MeterSimulator``: what the meter sent and when.
public struct SimulatedFrame: Sendable, Hashable {
    /// 0-based position in the scenario (or in the endless loop).
    public var index: Int
    public var scenario: MeterScenario
    /// The groups, in the order sent; decoding `bytes` gives exactly these.
    public var groups: [Group]
    /// The wire bytes, `STX … ETX` (``TICEncoder``).
    public var bytes: [UInt8]
    /// The meter's local time when the frame starts.
    public var time: MeterClock
    /// What is happening, for a person watching the demo: "EJP notice: peak in 30 min".
    public var caption: String
    /// Whether this is a three-phase short frame (tic-protocol.md §3.1).
    public var isShort: Bool

    public var mode: TICMode { scenario.mode }

    /// Time the frame takes on the wire: bytes × ``TICMode/nanosecondsPerByte`` (7E1 = 10 bits a
    /// byte). A replay advances its clock by this, plus ``interFrameSilence``.
    public var wireDuration: Int64 { Int64(bytes.count) * mode.nanosecondsPerByte }

    /// The silence the simulated meter leaves after each frame: 25 ms, inside the 16.7-33.4 ms of
    /// tic-protocol.md §1.1.
    public static let interFrameSilence: Int64 = 25_000_000

    /// The data of the first group with `label`.
    public subscript(label: Label) -> String? {
        groups.first { $0.label == label }?.data
    }
}
