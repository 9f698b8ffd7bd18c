import TIC

/// Every energy index a meter sends (tic-protocol.md §3, §4), as stored in `energy_snapshot`:
/// supplier indexes 1-10 (historic `BASE`, `HCHC`/`HCHP`, `EJPHN`/`EJPHPM`, `BBRH*`; standard
/// `EASF01-10`), distributor indexes `EASD01-04`, `EAST`, `EAIT`, `ERQ1-4`. All cumulative, in Wh
/// (VArh for ERQ): energy over an interval is a difference of the same index, never an integral of power.
public enum EnergyIndex: Int, CaseIterable, Sendable {
    case s1, s2, s3, s4, s5, s6, s7, s8, s9, s10
    case d1, d2, d3, d4
    case east, eait
    case q1, q2, q3, q4

    public static let count = 20

    /// The column in `energy_snapshot`.
    public var column: String { String(describing: self) }

    /// The label as a standard meter sends it (historic supplier labels map onto `EASF01…`, [S54] p.15).
    public var label: String {
        switch self {
        case .s1, .s2, .s3, .s4, .s5, .s6, .s7, .s8, .s9, .s10:
            let n = rawValue + 1
            return n < 10 ? "EASF0\(n)" : "EASF\(n)"
        case .d1, .d2, .d3, .d4: return "EASD0\(rawValue - EnergyIndex.d1.rawValue + 1)"
        case .east: return "EAST"
        case .eait: return "EAIT"
        case .q1, .q2, .q3, .q4: return "ERQ\(rawValue - EnergyIndex.q1.rawValue + 1)"
        }
    }

    /// Every index of `state`, in ``EnergyIndex`` order (nil: not sent by this meter).
    public static func values(of state: MeterState) -> [Int?] {
        var values = [Int?](repeating: nil, count: count)
        for i in 0..<10 { values[i] = state.supplierIndexes[i]?.value }
        for i in 0..<4 { values[10 + i] = state.distributorIndexes[i]?.value }
        values[14] = state.totalEnergyWithdrawn?.value
        values[15] = state.injectedEnergy?.value
        for i in 0..<4 { values[16 + i] = state.reactiveEnergy[i]?.value }
        return values
    }

    /// The tariff period whose energy supplier index `number` (1…10) counts, by contract (historic
    /// order of §3; standard Tempo `NTARF` 1…6 = HC/HP blue, white, red, §7.2): `base`, `hc`/`hp`,
    /// `hn`/`pm`, `hc-blue`…`hp-red`, else `index-N`.
    public static func periodName(supplierIndex number: Int, tariff: TariffOption?) -> String {
        switch (tariff, number) {
        case (.base?, 1): return TariffPeriod.base.rawValue
        case (.offPeak?, 1): return TariffPeriod.hc.rawValue
        case (.offPeak?, 2): return TariffPeriod.hp.rawValue
        case (.ejp?, 1): return TariffPeriod.hn.rawValue
        case (.ejp?, 2): return TariffPeriod.pm.rawValue
        case (.tempo?, 1...6):
            let color: TempoColor = number <= 2 ? .blue : number <= 4 ? .white : .red
            return TariffPeriod.tempo(color, offPeak: number % 2 == 1).rawValue
        default: return "index-\(number)"
        }
    }
}

extension EnergyIndex {
    /// `EAST` and the supplier indexes it is the sum of.
    static let totalAndSupplier = [EnergyIndex.east.rawValue] + (0..<10).map { $0 }
}

/// The totals agree with the sum of the period indexes (issue 9's plausibility gate): a standard
/// meter's `EAST` is the sum of `EASF01-10` (both count withdrawn energy, the supplier indexes per
/// period; equal in every frame of the real captures, 42 frames of 8 meters). A frame where they
/// disagree carries a corrupted index whose checksum verified by chance.
///
/// Armed by the first frame where they agree, so a meter that counts otherwise (or a historic one,
/// which sends no total) is never judged by it; a meter whose frames disagree ``giveUpAfter`` times in
/// a row counts otherwise after all (corruption does not repeat), and the check stands down.
struct TotalCheck: Sendable, Hashable {
    static let giveUpAfter = 3
    enum Verdict: Equatable { case agree, disagree(total: Int, sum: Int), unchecked }

    private(set) var armed = false
    private var disagreements = 0

    mutating func check(_ values: [Int?]) -> Verdict {
        guard let total = values[EnergyIndex.east.rawValue] else { return .unchecked }
        var sum = 0
        for i in 0..<10 {
            guard let value = values[i] else { return .unchecked }
            sum += value
        }
        if total == sum {
            armed = true
            disagreements = 0
            return .agree
        }
        guard armed else { return .unchecked }
        disagreements += 1
        if disagreements >= Self.giveUpAfter {
            armed = false
            disagreements = 0
            return .unchecked
        }
        return .disagree(total: total, sum: sum)
    }
}
