import Testing
import TIC

/// tic-protocol.md §7.2: for HC/HP contracts in standard mode the supplier index (`NTARF`, 1 = HC,
/// 2 = HP) decides; the supplier-defined `LTARF` text is read only when no index was received.
@Suite struct OffPeakPeriodTests {
    static func state(ltarf: String?, ntarf: String?, stge: String? = nil) -> MeterState {
        var groups = [Group(mode: .standard, label: "NGTF", data: "H PLEINE/CREUSE ")]
        if let ltarf { groups.append(Group(mode: .standard, label: "LTARF", data: ltarf)) }
        if let ntarf { groups.append(Group(mode: .standard, label: "NTARF", data: ntarf)) }
        if let stge { groups.append(Group(mode: .standard, label: "STGE", data: stge)) }
        var state = MeterState()
        state.apply(Frame(groups: groups))
        return state
    }

    @Test func indexWinsWhenTheLabelDisagrees() {
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  PLEINE  ", ntarf: "01").period == .hc)
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  CREUSE  ", ntarf: "02").period == .hp)
        #expect(OffPeakPeriodTests.state(ltarf: "HP", ntarf: "01").period == .hc)
        #expect(OffPeakPeriodTests.state(ltarf: "HC", ntarf: "02").period == .hp)
    }

    @Test func indexAndLabelThatAgree() {
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  PLEINE  ", ntarf: "02").period == .hp)
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  CREUSE  ", ntarf: "01").period == .hc)
    }

    /// Without NTARF, STGE bits 10-13 still carry the index (§5): 003AC301 is index 1, 003AC701 index 2.
    @Test func statusIndexWinsOverTheLabelWithoutNTARF() {
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  PLEINE  ", ntarf: nil, stge: "003AC301").period == .hc)
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  CREUSE  ", ntarf: nil, stge: "003AC701").period == .hp)
    }

    @Test func labelIsTheFallbackWithoutAnIndex() {
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  PLEINE  ", ntarf: nil).period == .hp)
        #expect(OffPeakPeriodTests.state(ltarf: " HEURE  CREUSE  ", ntarf: nil).period == .hc)
        #expect(OffPeakPeriodTests.state(ltarf: "INDEX NON CONSO", ntarf: nil).period == nil)
        #expect(OffPeakPeriodTests.state(ltarf: nil, ntarf: nil).period == nil)
    }
}
