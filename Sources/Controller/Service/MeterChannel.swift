import TIC

/// One meter's decoding: its decoder, its state, and when its last valid group came.
struct MeterChannel: Sendable {
    var decoder = FrameDecoder()
    var reading = MeterReading()

    /// Decodes `bytes`; true when a group was applied or a frame ended (time to evaluate).
    mutating func push(_ bytes: ArraySlice<UInt8>, at now: Duration) -> Bool {
        var sink = Sink(state: reading.state)
        bytes.withUnsafeBytes { decoder.push($0, into: &sink) }
        reading.state = sink.state
        if sink.accepted { reading.lastValidGroup = now }
        return sink.accepted || sink.frameEnded
    }

    private struct Sink: TICSink {
        var state: MeterState
        var accepted = false
        var frameEnded = false

        mutating func accept(_ group: GroupView) {
            state.accept(group)
            accepted = true
        }

        mutating func frameStarted() { state.frameStarted() }

        mutating func frameEnded(_ end: FrameEnd) {
            state.frameEnded(end)
            frameEnded = true
        }
    }
}
