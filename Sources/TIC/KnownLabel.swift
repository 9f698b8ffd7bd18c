/// Every label of the specification, historic (tic-protocol.md §3) and standard (§4), with the
/// format of its data, its mode and whether it carries a horodate. Labels not listed here are kept as
/// raw values when well formed.
public enum KnownLabel: UInt8, CaseIterable, Sendable {
    // Historic (TIC v01), §3.
    case adco, optarif, isousc, base, hchc, hchp, ejphn, ejphpm
    case bbrhcjb, bbrhpjb, bbrhcjw, bbrhpjw, bbrhcjr, bbrhpjr
    case pejp, ptec, demain, iinst, iinst1, iinst2, iinst3, adps, imax, imax1, imax2, imax3
    case pmax, papp, hhphc, motdetat, ppot, adir1, adir2, adir3, gaz, autre
    // Standard (TIC v02), §4.
    case adsc, vtic, date, ngtf, ltarf, east
    case easf01, easf02, easf03, easf04, easf05, easf06, easf07, easf08, easf09, easf10
    case easd01, easd02, easd03, easd04, eait, erq1, erq2, erq3, erq4
    case irms1, irms2, irms3, urms1, urms2, urms3, pref, pcoup
    case sinsts, sinsts1, sinsts2, sinsts3
    case smaxsn, smaxsn1, smaxsn2, smaxsn3, smaxsnYesterday, smaxsn1Yesterday, smaxsn2Yesterday, smaxsn3Yesterday
    case sinsti, smaxin, smaxinYesterday, ccasn, ccasnPrevious, ccain, ccainPrevious
    case umoy1, umoy2, umoy3, stge, dpm1, fpm1, dpm2, fpm2, dpm3, fpm3
    case msg1, msg2, prm, relais, ntarf, njourf, njourfTomorrow, pjourfTomorrow, ppointe

    /// The label exactly as the meter sends it.
    public var text: String {
        switch self {
        case .smaxsnYesterday: "SMAXSN-1"
        case .smaxsn1Yesterday: "SMAXSN1-1"
        case .smaxsn2Yesterday: "SMAXSN2-1"
        case .smaxsn3Yesterday: "SMAXSN3-1"
        case .smaxinYesterday: "SMAXIN-1"
        case .ccasnPrevious: "CCASN-1"
        case .ccainPrevious: "CCAIN-1"
        case .njourfTomorrow: "NJOURF+1"
        case .pjourfTomorrow: "PJOURF+1"
        default: String(describing: self).uppercased()
        }
    }

    public var label: Label { Label(text) ?? Label(packed: 0) }

    public var mode: TICMode { rawValue < KnownLabel.adsc.rawValue ? .historic : .standard }

    /// Standard labels sent with a horodate (the "H" column of §4).
    public var hasHorodate: Bool {
        switch self {
        case .date, .smaxsn, .smaxsn1, .smaxsn2, .smaxsn3, .smaxsnYesterday, .smaxsn1Yesterday,
             .smaxsn2Yesterday, .smaxsn3Yesterday, .smaxin, .smaxinYesterday, .ccasn, .ccasnPrevious,
             .ccain, .ccainPrevious, .umoy1, .umoy2, .umoy3, .dpm1, .fpm1, .dpm2, .fpm2, .dpm3, .fpm3:
            true
        default:
            false
        }
    }

    /// The format of the data field (widths from §3 and §4).
    public var format: FieldFormat {
        switch self {
        case .adco, .adsc: .alphanumeric(12)
        case .prm: .alphanumeric(14)
        case .optarif: .tariffOption
        case .isousc, .pejp, .vtic, .pref, .pcoup, .ntarf, .njourf, .njourfTomorrow,
             .dpm1, .fpm1, .dpm2, .fpm2, .dpm3, .fpm3:
            .digits(2)
        case .base, .hchc, .hchp, .ejphn, .ejphpm, .bbrhcjb, .bbrhpjb, .bbrhcjw, .bbrhpjw, .bbrhcjr, .bbrhpjr,
             .east, .easf01, .easf02, .easf03, .easf04, .easf05, .easf06, .easf07, .easf08, .easf09, .easf10,
             .easd01, .easd02, .easd03, .easd04, .eait, .erq1, .erq2, .erq3, .erq4:
            .digits(9)
        case .ptec: .historicPeriod
        case .demain: .tomorrowColor
        case .iinst, .iinst1, .iinst2, .iinst3, .adps, .imax, .imax1, .imax2, .imax3, .adir1, .adir2, .adir3,
             .irms1, .irms2, .irms3, .urms1, .urms2, .urms3, .umoy1, .umoy2, .umoy3, .relais:
            .digits(3)
        case .pmax, .papp, .sinsts, .sinsts1, .sinsts2, .sinsts3, .smaxsn, .smaxsn1, .smaxsn2, .smaxsn3,
             .smaxsnYesterday, .smaxsn1Yesterday, .smaxsn2Yesterday, .smaxsn3Yesterday,
             .sinsti, .smaxin, .smaxinYesterday, .ccasn, .ccasnPrevious, .ccain, .ccainPrevious:
            .digits(5)
        case .hhphc: .letter
        case .motdetat: .alphanumeric(6)
        case .ppot: .hex(2)
        case .gaz, .autre: .digits(7)
        case .date: .empty
        case .ngtf, .ltarf, .msg2: .text(16)
        case .msg1: .text(32)
        case .stge: .hex(8)
        case .pjourfTomorrow, .ppointe: .dayProfile
        }
    }

    /// Finds the known label of a packed label: an open-addressing hash table of 512 slots built
    /// once (about a quarter full), so a lookup is one multiplication and usually one comparison.
    @inlinable
    public static func lookup(_ label: Label) -> KnownLabel? {
        LabelTable.shared.lookup(label.packed)
    }
}

@usableFromInline
/// Immutable after init: safe to share between threads.
final class LabelTable: @unchecked Sendable {
    @usableFromInline static let shared = LabelTable()
    @usableFromInline static let bits: UInt64 = 9
    @usableFromInline let keys: UnsafeMutablePointer<UInt64>
    @usableFromInline let values: UnsafeMutablePointer<UInt8>

    private init() {
        let size = 1 << Int(LabelTable.bits)
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
        for known in KnownLabel.allCases {
            var slot = LabelTable.slot(known.label.packed)
            while keys[slot] != 0 { slot = (slot &+ 1) & (size - 1) }
            keys[slot] = known.label.packed
            values[slot] = known.rawValue
        }
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    @usableFromInline
    static func slot(_ packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
    }

    @inlinable
    func lookup(_ packed: UInt64) -> KnownLabel? {
        let mask = (1 << Int(LabelTable.bits)) - 1
        var slot = LabelTable.slot(packed)
        while true {
            let key = keys[slot]
            if key == packed { return KnownLabel(rawValue: values[slot]) }
            if key == 0 { return nil }
            slot = (slot &+ 1) & mask
        }
    }
}
