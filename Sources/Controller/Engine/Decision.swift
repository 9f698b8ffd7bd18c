import TIC

/// The state of one output after an evaluation.
public struct OutputStatus: Sendable, Hashable {
    public var name: String
    public var state: OutputState
    public var reason: Reason
    /// When linkyd last switched it (engine time); nil while it is still in the state it started in,
    /// so minimum on/off times do not delay the first switch (how long it was on before is unknown).
    public var since: Duration?
    /// A switch the engine wants but a minimum on/off time delays: the state, why, and from when it
    /// is allowed.
    public var pending: Pending?

    public struct Pending: Sendable, Hashable {
        public var state: OutputState
        public var reason: Reason
        public var allowedAt: Duration
    }
}

/// One output switching: what the I/O edge drives, and what logs and `linkyd simulate` print.
public struct OutputChange: Sendable, Hashable, CustomStringConvertible {
    public var output: String
    public var from: OutputState
    public var to: OutputState
    public var reason: Reason

    public init(output: String, from: OutputState, to: OutputState, reason: Reason) {
        self.output = output
        self.from = from
        self.to = to
        self.reason = reason
    }

    public var description: String { "\(output): \(from) → \(to) (\(reason))" }
}

/// What an evaluation decided: the switches to make now, and every output's state.
public struct Decision: Sendable, Hashable {
    public var changes: [OutputChange]
    /// In the rules file's order.
    public var outputs: [OutputStatus]
    /// Meters whose signal counts as lost, in the rules file's order.
    public var lostMeters: [String]
    /// Loads shed now, in the order they were shed.
    public var shedLoads: [String]
}

/// One meter as the engine sees it: its decoded state and when its last valid group arrived.
public struct MeterReading: Sendable, Hashable {
    public var state: MeterState
    /// Engine time of the last valid group; nil before the first one.
    public var lastValidGroup: Duration?

    public init(state: MeterState = MeterState(), lastValidGroup: Duration? = nil) {
        self.state = state
        self.lastValidGroup = lastValidGroup
    }
}
