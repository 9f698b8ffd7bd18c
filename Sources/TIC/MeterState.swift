/// Everything a meter has said, as typed values that do not depend on the TIC mode
/// (tic-protocol.md §3-§7). Built by applying verified groups (``apply(_:)``) as they arrive, and
/// frame ends (``frameEnded(_:)``), which clear the warnings a frame no longer carries (ADPS, ADIR1-3,
/// PEJP are sent only while they hold).
///
/// Values a contract does not send stay nil. Derived values (``period``, ``tempoToday``, ``ejpNotice``,
/// ``overpower``, ``totalEnergy``…) are computed from what was received, never stored twice; texts
/// they depend on (`OPTARIF`/`NGTF`, `LTARF`) are classified once when received, so reading a
/// derived value does no string work.
public struct MeterState: Sendable, Hashable {
    /// The mode of the last group applied.
    public var mode: TICMode?
    /// Meter address (serial number). Historic `ADCO`, standard `ADSC`.
    public var address: String?
    /// Delivery point id. Standard `PRM`.
    public var prm: String?
    /// TIC version. Standard `VTIC`.
    public var ticVersion: Int?
    /// Raw tariff option: historic `OPTARIF` (`BBR(`), standard `NGTF` (trimmed). Classified when
    /// set (``tariffOption`` reads the stored classification).
    public var tariffOptionText: String? {
        get { classifiedTariffOption?.text }
        set { classifiedTariffOption = newValue.map(ClassifiedTariffOption.init) }
    }
    /// Supplier's label of the current tariff. Standard `LTARF` (trimmed). Classified when set.
    public var tariffLabel: String? {
        get { classifiedTariffLabel?.text }
        set { classifiedTariffLabel = newValue.map(ClassifiedTariffLabel.init) }
    }
    /// `OPTARIF`/`NGTF` and `LTARF` with their classification, made once per new text (§7.2).
    var classifiedTariffOption: ClassifiedTariffOption?
    var classifiedTariffLabel: ClassifiedTariffLabel?
    /// Period from historic `PTEC`.
    public var historicPeriod: TariffPeriod?
    /// Tomorrow's colour from historic `DEMAIN` (nil: `----`, not announced yet).
    public var historicTomorrow: TempoColor?
    /// Minutes of EJP notice. Historic `PEJP` (30 during the notice), cleared when a frame lacks it.
    public var ejpNoticeMinutes: Int?
    /// Current supplier index (1…10). Standard `NTARF`.
    public var supplierIndexNumber: Int?
    /// Supplier calendar day numbers. Standard `NJOURF`, `NJOURF+1`.
    public var dayNumber: Int?, tomorrowDayNumber: Int?
    /// Standard `STGE`.
    public var status: StatusRegister?
    /// Standard `RELAIS`.
    public var relays: Relays?
    /// Standard `PJOURF+1` and `PPOINTE`.
    public var tomorrowProfile: DayProfile?, peakDayProfile: DayProfile?
    /// Mobile peaks 1-3: start and end. Standard `DPM1-3`, `FPM1-3`.
    public var mobilePeakStarts = PhaseValues<Horodate>(), mobilePeakEnds = PhaseValues<Horodate>()

    /// Apparent power withdrawn. Historic `PAPP`, standard `SINSTS`.
    public var apparentPower: VoltAmperes?
    /// Per phase. Standard `SINSTS1-3`.
    public var apparentPowerPerPhase = PhaseValues<VoltAmperes>()
    /// Apparent power injected. Standard `SINSTI`.
    public var injectedPower: VoltAmperes?
    /// RMS currents. Historic `IINST` (phase 1) / `IINST1-3`, standard `IRMS1-3`.
    public var currents = PhaseValues<Amperes>()
    /// RMS voltages. Standard `URMS1-3`.
    public var voltages = PhaseValues<Volts>()
    /// Mean voltages over the last period. Standard `UMOY1-3`.
    public var meanVoltages = PhaseValues<Volts>()
    /// Subscribed current. Historic `ISOUSC`.
    public var subscribedCurrent: Amperes?
    /// Reference (subscribed) power. Standard `PREF` (kVA × 1000).
    public var referencePower: VoltAmperes?
    /// Cut-off power. Standard `PCOUP` (kVA × 1000).
    public var cutOffPower: VoltAmperes?
    /// Max currents. Historic `IMAX` / `IMAX1-3`.
    public var maxCurrents = PhaseValues<Amperes>()
    /// Max three-phase power of yesterday. Historic `PMAX`.
    public var maxPowerYesterdayHistoric: VoltAmperes?
    /// Max apparent power withdrawn today / yesterday. Standard `SMAXSN`, `SMAXSN-1` (+ per phase).
    public var maxPowerToday: VoltAmperes?, maxPowerYesterday: VoltAmperes?
    public var maxPowerTodayPerPhase = PhaseValues<VoltAmperes>(), maxPowerYesterdayPerPhase = PhaseValues<VoltAmperes>()
    /// Max apparent power injected today / yesterday. Standard `SMAXIN`, `SMAXIN-1`.
    public var maxInjectedToday: VoltAmperes?, maxInjectedYesterday: VoltAmperes?
    /// Load-curve points withdrawn / injected. Standard `CCASN`, `CCASN-1`, `CCAIN`, `CCAIN-1`.
    public var loadCurve: Watts?, loadCurvePrevious: Watts?, injectedLoadCurve: Watts?, injectedLoadCurvePrevious: Watts?

    /// Supplier indexes 1…10. Standard `EASF01-10`; historic `BASE` (1), `HCHC`/`HCHP` (1/2),
    /// `EJPHN`/`EJPHPM` (1/2), `BBRHCJB`…`BBRHPJR` (1…6) — the Linky mapping of [S54] p.15.
    public var supplierIndexes = [WattHours?](repeating: nil, count: 10)
    /// Distributor indexes 1…4. Standard `EASD01-04`.
    public var distributorIndexes = [WattHours?](repeating: nil, count: 4)
    /// Total active energy withdrawn. Standard `EAST`.
    public var totalEnergyWithdrawn: WattHours?
    /// Total active energy injected. Standard `EAIT`.
    public var injectedEnergy: WattHours?
    /// Reactive energy Q1…Q4. Standard `ERQ1-4`.
    public var reactiveEnergy = [VoltAmpereReactiveHours?](repeating: nil, count: 4)

    /// Over-subscription warning (current). Historic `ADPS`, only while it holds.
    public var overSubscriptionCurrent: Amperes?
    /// Per-phase over-current warnings of three-phase short frames. Historic `ADIR1-3`.
    public var phaseOverCurrents = PhaseValues<Amperes>()
    /// Phases missing. Historic `PPOT` (bits 1-3).
    public var potentials: UInt8?
    /// HP/HC programming group. Historic `HHPHC`.
    public var hhphc: String?
    /// Meter status word. Historic `MOTDETAT`.
    public var statusWord: String?
    /// Messages. Standard `MSG1`, `MSG2` (trimmed).
    public var message1: String?, message2: String?
    /// The meter's clock. Standard `DATE`.
    public var clock: Horodate?
    /// Gas and third-meter indexes (daL). Historic `GAZ`, `AUTRE`.
    public var gasIndex: Int?, otherIndex: Int?
    /// Well-formed labels the specification does not list, with their raw data.
    public var unknownLabels: [String: String] = [:]

    /// Frame bookkeeping for the warnings that are sent only while they hold.
    var seenInFrame: SeenLabels = []
    var consecutiveLongFrames = 0

    public init() {}
}

struct SeenLabels: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let adps = SeenLabels(rawValue: 1)
    static let adir = SeenLabels(rawValue: 2)
    static let pejp = SeenLabels(rawValue: 4)
    static let longFrame = SeenLabels(rawValue: 8)
}
