@testable import TIC

/// A sink that keeps every accepted group in order (whatever frame it falls in).
struct GroupRecorder: TICSink {
    var groups: [Group] = []
    var frameEnds: [FrameEnd] = []
    mutating func accept(_ group: GroupView) { groups.append(group.group) }
    mutating func frameEnded(_ end: FrameEnd) { frameEnds.append(end) }
}

extension SimulatedFrame {
    /// The group with `label` parsed as a decimal number.
    func number(_ label: Label) -> Int? { self[label].flatMap { Int($0) } }
    /// STGE as a 32-bit value.
    var statusRegister: UInt32? { self["STGE"].flatMap { UInt32($0, radix: 16) } }
    var labels: [String] { groups.map(\.label.description) }
}
