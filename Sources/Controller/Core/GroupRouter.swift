import TIC

/// Hands what a meter's decoder decodes to the core's state as it is decoded (the ``TICSink`` of
/// ``ControllerCore/receive(_:from:at:into:)``). Its pointers are valid only during the `push` call
/// that owns it.
struct GroupRouter: TICSink {
    let state: UnsafeMutablePointer<CoreState>
    let events: UnsafeMutablePointer<[ControllerEvent]>
    let meter: Int
    let now: Duration

    mutating func accept(_ group: GroupView) {
        state.pointee.accept(group, meter: meter, at: now, into: &events.pointee)
    }

    mutating func acceptRepeat(_ group: GroupView) {
        state.pointee.acceptRepeat(group, meter: meter, at: now, into: &events.pointee)
    }

    mutating func frameStarted() { state.pointee.readings[meter].state.frameStarted() }

    mutating func frameEnded(_ end: FrameEnd) {
        state.pointee.frameEnded(end, meter: meter, at: now, into: &events.pointee)
    }
}

extension GroupView {
    /// A 64-bit FNV-1a digest of the horodate and the data: tells whether a label's value changed
    /// since it was last received, without keeping the bytes.
    var digest: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ value: Int) {
            hash = (hash ^ UInt64(truncatingIfNeeded: value)) &* 0x0000_0100_0000_01B3
        }
        if let horodate {
            mix(Int(horodate.season.rawValue))
            mix(horodate.year)
            mix(horodate.month)
            mix(horodate.day)
            mix(horodate.hour)
            mix(horodate.minute)
            mix(horodate.second)
        }
        mix(0x09)
        for byte in data { mix(Int(byte)) }
        return hash
    }
}
