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
    /// The values, behind one reference: copying a state (into an event, a status, a rule test) is a
    /// retain, not a copy of some 60 fields; the first mutation of a shared copy copies them (COW).
    private var box: MeterStateBox
    /// Frame bookkeeping for the warnings that are sent only while they hold, beside the box: it
    /// changes at every frame start, and a frame whose values all repeat then copies nothing.
    var seenInFrame: SeenLabels = []
    var consecutiveLongFrames = 0

    public init() { box = MeterStateBox(MeterFields()) }

    public static func == (lhs: MeterState, rhs: MeterState) -> Bool {
        lhs.seenInFrame == rhs.seenInFrame && lhs.consecutiveLongFrames == rhs.consecutiveLongFrames
            && (lhs.box === rhs.box || lhs.box.fields == rhs.box.fields)
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
        hasher.combine(seenInFrame)
        hasher.combine(consecutiveLongFrames)
    }

    /// Copies the fields now if they are shared (copy on write, ahead of the first write).
    @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = MeterStateBox(box.fields) }
    }

    /// The fields, for one mutation after a single uniqueness check.
    private var fields: MeterFields {
        get { box.fields }
        _modify {
            makeUnique()
            yield &box.fields
        }
    }

    /// The mode of the last group applied.
    public var mode: TICMode? {
        get { box.fields.mode }
        _modify { yield &fields.mode }
    }
    /// Meter address (serial number). Historic `ADCO`, standard `ADSC`.
    public var address: String? {
        get { box.fields.address }
        _modify { yield &fields.address }
    }
    /// Delivery point id. Standard `PRM`.
    public var prm: String? {
        get { box.fields.prm }
        _modify { yield &fields.prm }
    }
    /// TIC version. Standard `VTIC`.
    public var ticVersion: Int? {
        get { box.fields.ticVersion }
        _modify { yield &fields.ticVersion }
    }
    /// `OPTARIF`/`NGTF` and `LTARF` with their classification, made once per new text (§7.2).
    var classifiedTariffOption: ClassifiedTariffOption? {
        get { box.fields.classifiedTariffOption }
        _modify { yield &fields.classifiedTariffOption }
    }
    var classifiedTariffLabel: ClassifiedTariffLabel? {
        get { box.fields.classifiedTariffLabel }
        _modify { yield &fields.classifiedTariffLabel }
    }
    /// Period from historic `PTEC`.
    public var historicPeriod: TariffPeriod? {
        get { box.fields.historicPeriod }
        _modify { yield &fields.historicPeriod }
    }
    /// Tomorrow's colour from historic `DEMAIN` (nil: `----`, not announced yet).
    public var historicTomorrow: TempoColor? {
        get { box.fields.historicTomorrow }
        _modify { yield &fields.historicTomorrow }
    }
    /// Minutes of EJP notice. Historic `PEJP` (30 during the notice), cleared when a frame lacks it.
    public var ejpNoticeMinutes: Int? {
        get { box.fields.ejpNoticeMinutes }
        _modify { yield &fields.ejpNoticeMinutes }
    }
    /// Current supplier index (1…10). Standard `NTARF`.
    public var supplierIndexNumber: Int? {
        get { box.fields.supplierIndexNumber }
        _modify { yield &fields.supplierIndexNumber }
    }
    /// Supplier calendar day numbers. Standard `NJOURF`, `NJOURF+1`.
    public var dayNumber: Int? {
        get { box.fields.dayNumber }
        _modify { yield &fields.dayNumber }
    }
    /// Supplier calendar day numbers. Standard `NJOURF`, `NJOURF+1`.
    public var tomorrowDayNumber: Int? {
        get { box.fields.tomorrowDayNumber }
        _modify { yield &fields.tomorrowDayNumber }
    }
    /// Standard `STGE`.
    public var status: StatusRegister? {
        get { box.fields.status }
        _modify { yield &fields.status }
    }
    /// Standard `RELAIS`.
    public var relays: Relays? {
        get { box.fields.relays }
        _modify { yield &fields.relays }
    }
    /// Standard `PJOURF+1` and `PPOINTE`.
    public var tomorrowProfile: DayProfile? {
        get { box.fields.tomorrowProfile }
        _modify { yield &fields.tomorrowProfile }
    }
    /// Standard `PJOURF+1` and `PPOINTE`.
    public var peakDayProfile: DayProfile? {
        get { box.fields.peakDayProfile }
        _modify { yield &fields.peakDayProfile }
    }
    /// Mobile peaks 1-3: start and end. Standard `DPM1-3`, `FPM1-3`.
    public var mobilePeakStarts: PhaseValues<Horodate> {
        get { box.fields.mobilePeakStarts }
        _modify { yield &fields.mobilePeakStarts }
    }
    /// Mobile peaks 1-3: start and end. Standard `DPM1-3`, `FPM1-3`.
    public var mobilePeakEnds: PhaseValues<Horodate> {
        get { box.fields.mobilePeakEnds }
        _modify { yield &fields.mobilePeakEnds }
    }
    /// Apparent power withdrawn. Historic `PAPP`, standard `SINSTS`.
    public var apparentPower: VoltAmperes? {
        get { box.fields.apparentPower }
        _modify { yield &fields.apparentPower }
    }
    /// Per phase. Standard `SINSTS1-3`.
    public var apparentPowerPerPhase: PhaseValues<VoltAmperes> {
        get { box.fields.apparentPowerPerPhase }
        _modify { yield &fields.apparentPowerPerPhase }
    }
    /// Apparent power injected. Standard `SINSTI`.
    public var injectedPower: VoltAmperes? {
        get { box.fields.injectedPower }
        _modify { yield &fields.injectedPower }
    }
    /// RMS currents. Historic `IINST` (phase 1) / `IINST1-3`, standard `IRMS1-3`.
    public var currents: PhaseValues<Amperes> {
        get { box.fields.currents }
        _modify { yield &fields.currents }
    }
    /// RMS voltages. Standard `URMS1-3`.
    public var voltages: PhaseValues<Volts> {
        get { box.fields.voltages }
        _modify { yield &fields.voltages }
    }
    /// Mean voltages over the last period. Standard `UMOY1-3`.
    public var meanVoltages: PhaseValues<Volts> {
        get { box.fields.meanVoltages }
        _modify { yield &fields.meanVoltages }
    }
    /// Subscribed current. Historic `ISOUSC`.
    public var subscribedCurrent: Amperes? {
        get { box.fields.subscribedCurrent }
        _modify { yield &fields.subscribedCurrent }
    }
    /// Reference (subscribed) power. Standard `PREF` (kVA × 1000).
    public var referencePower: VoltAmperes? {
        get { box.fields.referencePower }
        _modify { yield &fields.referencePower }
    }
    /// Cut-off power. Standard `PCOUP` (kVA × 1000).
    public var cutOffPower: VoltAmperes? {
        get { box.fields.cutOffPower }
        _modify { yield &fields.cutOffPower }
    }
    /// Max currents. Historic `IMAX` / `IMAX1-3`.
    public var maxCurrents: PhaseValues<Amperes> {
        get { box.fields.maxCurrents }
        _modify { yield &fields.maxCurrents }
    }
    /// Max three-phase power of yesterday. Historic `PMAX`.
    public var maxPowerYesterdayHistoric: VoltAmperes? {
        get { box.fields.maxPowerYesterdayHistoric }
        _modify { yield &fields.maxPowerYesterdayHistoric }
    }
    /// Max apparent power withdrawn today / yesterday. Standard `SMAXSN`, `SMAXSN-1` (+ per phase).
    public var maxPowerToday: VoltAmperes? {
        get { box.fields.maxPowerToday }
        _modify { yield &fields.maxPowerToday }
    }
    /// Max apparent power withdrawn today / yesterday. Standard `SMAXSN`, `SMAXSN-1` (+ per phase).
    public var maxPowerYesterday: VoltAmperes? {
        get { box.fields.maxPowerYesterday }
        _modify { yield &fields.maxPowerYesterday }
    }
    public var maxPowerTodayPerPhase: PhaseValues<VoltAmperes> {
        get { box.fields.maxPowerTodayPerPhase }
        _modify { yield &fields.maxPowerTodayPerPhase }
    }
    public var maxPowerYesterdayPerPhase: PhaseValues<VoltAmperes> {
        get { box.fields.maxPowerYesterdayPerPhase }
        _modify { yield &fields.maxPowerYesterdayPerPhase }
    }
    /// Max apparent power injected today / yesterday. Standard `SMAXIN`, `SMAXIN-1`.
    public var maxInjectedToday: VoltAmperes? {
        get { box.fields.maxInjectedToday }
        _modify { yield &fields.maxInjectedToday }
    }
    /// Max apparent power injected today / yesterday. Standard `SMAXIN`, `SMAXIN-1`.
    public var maxInjectedYesterday: VoltAmperes? {
        get { box.fields.maxInjectedYesterday }
        _modify { yield &fields.maxInjectedYesterday }
    }
    /// Load-curve points withdrawn / injected. Standard `CCASN`, `CCASN-1`, `CCAIN`, `CCAIN-1`.
    public var loadCurve: Watts? {
        get { box.fields.loadCurve }
        _modify { yield &fields.loadCurve }
    }
    /// Load-curve points withdrawn / injected. Standard `CCASN`, `CCASN-1`, `CCAIN`, `CCAIN-1`.
    public var loadCurvePrevious: Watts? {
        get { box.fields.loadCurvePrevious }
        _modify { yield &fields.loadCurvePrevious }
    }
    /// Load-curve points withdrawn / injected. Standard `CCASN`, `CCASN-1`, `CCAIN`, `CCAIN-1`.
    public var injectedLoadCurve: Watts? {
        get { box.fields.injectedLoadCurve }
        _modify { yield &fields.injectedLoadCurve }
    }
    /// Load-curve points withdrawn / injected. Standard `CCASN`, `CCASN-1`, `CCAIN`, `CCAIN-1`.
    public var injectedLoadCurvePrevious: Watts? {
        get { box.fields.injectedLoadCurvePrevious }
        _modify { yield &fields.injectedLoadCurvePrevious }
    }
    /// Supplier indexes 1…10. Standard `EASF01-10`; historic `BASE` (1), `HCHC`/`HCHP` (1/2),
    /// `EJPHN`/`EJPHPM` (1/2), `BBRHCJB`…`BBRHPJR` (1…6) — the Linky mapping of [S54] p.15.
    public var supplierIndexes: IndexValues<WattHours> {
        get { box.fields.supplierIndexes }
        _modify { yield &fields.supplierIndexes }
    }
    /// Distributor indexes 1…4. Standard `EASD01-04`.
    public var distributorIndexes: IndexValues<WattHours> {
        get { box.fields.distributorIndexes }
        _modify { yield &fields.distributorIndexes }
    }
    /// Total active energy withdrawn. Standard `EAST`.
    public var totalEnergyWithdrawn: WattHours? {
        get { box.fields.totalEnergyWithdrawn }
        _modify { yield &fields.totalEnergyWithdrawn }
    }
    /// Total active energy injected. Standard `EAIT`.
    public var injectedEnergy: WattHours? {
        get { box.fields.injectedEnergy }
        _modify { yield &fields.injectedEnergy }
    }
    /// Reactive energy Q1…Q4. Standard `ERQ1-4`.
    public var reactiveEnergy: IndexValues<VoltAmpereReactiveHours> {
        get { box.fields.reactiveEnergy }
        _modify { yield &fields.reactiveEnergy }
    }
    /// Over-subscription warning (current). Historic `ADPS`, only while it holds.
    public var overSubscriptionCurrent: Amperes? {
        get { box.fields.overSubscriptionCurrent }
        _modify { yield &fields.overSubscriptionCurrent }
    }
    /// Per-phase over-current warnings of three-phase short frames. Historic `ADIR1-3`.
    public var phaseOverCurrents: PhaseValues<Amperes> {
        get { box.fields.phaseOverCurrents }
        _modify { yield &fields.phaseOverCurrents }
    }
    /// Phases missing. Historic `PPOT` (bits 1-3).
    public var potentials: UInt8? {
        get { box.fields.potentials }
        _modify { yield &fields.potentials }
    }
    /// HP/HC programming group. Historic `HHPHC`.
    public var hhphc: String? {
        get { box.fields.hhphc }
        _modify { yield &fields.hhphc }
    }
    /// Meter status word. Historic `MOTDETAT`.
    public var statusWord: String? {
        get { box.fields.statusWord }
        _modify { yield &fields.statusWord }
    }
    /// Messages. Standard `MSG1`, `MSG2` (trimmed).
    public var message1: String? {
        get { box.fields.message1 }
        _modify { yield &fields.message1 }
    }
    /// Messages. Standard `MSG1`, `MSG2` (trimmed).
    public var message2: String? {
        get { box.fields.message2 }
        _modify { yield &fields.message2 }
    }
    /// The meter's clock. Standard `DATE`.
    public var clock: Horodate? {
        get { box.fields.clock }
        _modify { yield &fields.clock }
    }
    /// Gas and third-meter indexes (daL). Historic `GAZ`, `AUTRE`.
    public var gasIndex: Int? {
        get { box.fields.gasIndex }
        _modify { yield &fields.gasIndex }
    }
    /// Gas and third-meter indexes (daL). Historic `GAZ`, `AUTRE`.
    public var otherIndex: Int? {
        get { box.fields.otherIndex }
        _modify { yield &fields.otherIndex }
    }
    /// Well-formed labels the specification does not list, with their raw data.
    public var unknownLabels: [String: String] {
        get { box.fields.unknownLabels }
        _modify { yield &fields.unknownLabels }
    }
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
}

/// The stored values of a ``MeterState`` (documented on its accessors).
struct MeterFields: Sendable, Hashable {
    var mode: TICMode?
    var address: String?
    var prm: String?
    var ticVersion: Int?
    var classifiedTariffOption: ClassifiedTariffOption?
    var classifiedTariffLabel: ClassifiedTariffLabel?
    var historicPeriod: TariffPeriod?
    var historicTomorrow: TempoColor?
    var ejpNoticeMinutes: Int?
    var supplierIndexNumber: Int?
    var dayNumber: Int?, tomorrowDayNumber: Int?
    var status: StatusRegister?
    var relays: Relays?
    var tomorrowProfile: DayProfile?, peakDayProfile: DayProfile?
    var mobilePeakStarts = PhaseValues<Horodate>(), mobilePeakEnds = PhaseValues<Horodate>()
    var apparentPower: VoltAmperes?
    var apparentPowerPerPhase = PhaseValues<VoltAmperes>()
    var injectedPower: VoltAmperes?
    var currents = PhaseValues<Amperes>()
    var voltages = PhaseValues<Volts>()
    var meanVoltages = PhaseValues<Volts>()
    var subscribedCurrent: Amperes?
    var referencePower: VoltAmperes?
    var cutOffPower: VoltAmperes?
    var maxCurrents = PhaseValues<Amperes>()
    var maxPowerYesterdayHistoric: VoltAmperes?
    var maxPowerToday: VoltAmperes?, maxPowerYesterday: VoltAmperes?
    var maxPowerTodayPerPhase = PhaseValues<VoltAmperes>(), maxPowerYesterdayPerPhase = PhaseValues<VoltAmperes>()
    var maxInjectedToday: VoltAmperes?, maxInjectedYesterday: VoltAmperes?
    var loadCurve: Watts?, loadCurvePrevious: Watts?, injectedLoadCurve: Watts?, injectedLoadCurvePrevious: Watts?
    var supplierIndexes = IndexValues<WattHours>(count: 10)
    var distributorIndexes = IndexValues<WattHours>(count: 4)
    var totalEnergyWithdrawn: WattHours?
    var injectedEnergy: WattHours?
    var reactiveEnergy = IndexValues<VoltAmpereReactiveHours>(count: 4)
    var overSubscriptionCurrent: Amperes?
    var phaseOverCurrents = PhaseValues<Amperes>()
    var potentials: UInt8?
    var hhphc: String?
    var statusWord: String?
    var message1: String?, message2: String?
    var clock: Horodate?
    var gasIndex: Int?, otherIndex: Int?
    var unknownLabels: [String: String] = [:]
}

/// The reference a ``MeterState`` shares until it is mutated. Only ever mutated while uniquely
/// referenced (``MeterState``'s copy on write), hence safe to send.
final class MeterStateBox: @unchecked Sendable {
    @exclusivity(unchecked) var fields: MeterFields
    init(_ fields: MeterFields) { self.fields = fields }
}

struct SeenLabels: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let adps = SeenLabels(rawValue: 1)
    static let adir = SeenLabels(rawValue: 2)
    static let pejp = SeenLabels(rawValue: 4)
    static let longFrame = SeenLabels(rawValue: 8)
}
