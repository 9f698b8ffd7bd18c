/// The tariff option of the contract. Historic `OPTARIF`; standard `NGTF` (supplier calendar name).
public enum TariffOption: String, Sendable, Hashable, CaseIterable {
    case base
    /// Heures creuses / heures pleines (`HC..`, `H PLEINE/CREUSE`).
    case offPeak = "hc"
    /// Effacement jours de pointe (`EJP.`).
    case ejp
    /// Tempo (`BBRx`, `TEMPO`).
    case tempo
    /// A producer-only meter (`PRODUCTEUR`).
    case producer
    /// Any other supplier calendar.
    case other
}

/// The tariff period in force, with the names `linkyd decode` prints and rules files use.
public enum TariffPeriod: String, Sendable, Hashable, CaseIterable {
    /// Toutes heures (`TH..`), base option.
    case base
    /// Heures creuses (off-peak).
    case hc
    /// Heures pleines (peak).
    case hp
    /// EJP heures normales.
    case hn
    /// EJP pointe mobile (the expensive days).
    case pm
    case hcBlue = "hc-blue", hpBlue = "hp-blue"
    case hcWhite = "hc-white", hpWhite = "hp-white"
    case hcRed = "hc-red", hpRed = "hp-red"

    /// The Tempo period for a colour and HC/HP (supplier index order 1…6, tic-protocol.md §7.2).
    public static func tempo(_ color: TempoColor, offPeak: Bool) -> TariffPeriod {
        switch (color, offPeak) {
        case (.blue, true): .hcBlue
        case (.blue, false): .hpBlue
        case (.white, true): .hcWhite
        case (.white, false): .hpWhite
        case (.red, true): .hcRed
        case (.red, false): .hpRed
        }
    }

    /// Tempo colour of the period, if it is a Tempo period.
    public var tempoColor: TempoColor? {
        switch self {
        case .hcBlue, .hpBlue: .blue
        case .hcWhite, .hpWhite: .white
        case .hcRed, .hpRed: .red
        default: nil
        }
    }

    /// Whether it is an off-peak (heures creuses) period.
    public var isOffPeak: Bool { [.hc, .hcBlue, .hcWhite, .hcRed].contains(self) }
}

/// A Tempo day colour.
public enum TempoColor: String, Sendable, Hashable, CaseIterable {
    case blue, white, red

    /// STGE bits 24-25 / 26-27 coding: 1 blue, 2 white, 3 red, 0 not announced (§5).
    public init?(statusBits: UInt32) {
        switch statusBits & 3 {
        case 1: self = .blue
        case 2: self = .white
        case 3: self = .red
        default: return nil
        }
    }
}
