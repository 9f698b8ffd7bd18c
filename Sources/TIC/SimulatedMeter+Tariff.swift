/// What a simulated meter says about its contract: current index, tariff texts, STGE, relays.
extension SimulatedMeter {
    /// The supplier index (1-based) energy goes to now: BASE 1; HC 1 = HC, 2 = HP; EJP 1 = HN,
    /// 2 = PM; Tempo 1…6 = HC/HP × blue/white/red (tic-protocol.md §3, §7.2, NTARF).
    public var supplierIndex: Int {
        switch contract {
        case .base: return 1
        case .offPeak: return isOffPeak ? 1 : 2
        case .ejp: return isEJPPeak ? 2 : 1
        case .tempo:
            let colour: Int
            switch tempoToday {
            case .white: colour = 1
            case .red: colour = 2
            case .blue, .unknown: colour = 0
            }
            return colour * 2 + (isOffPeak ? 1 : 2)
        }
    }

    /// Historic OPTARIF (tic-protocol.md §3, §7.2: Tempo is `BBR` + a printable character).
    var tariffOption: String {
        switch contract {
        case .base: "BASE"
        case .offPeak: "HC.."
        case .ejp: "EJP."
        case .tempo: "BBR("
        }
    }

    /// Historic index labels, in specification order, for supplier indexes 1…n.
    var historicIndexLabels: [Label] {
        switch contract {
        case .base: ["BASE"]
        case .offPeak: ["HCHC", "HCHP"]
        case .ejp: ["EJPHN", "EJPHPM"]
        case .tempo: ["BBRHCJB", "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR"]
        }
    }

    /// Historic PTEC (tic-protocol.md §3).
    var tariffPeriod: String {
        switch contract {
        case .base: return "TH.."
        case .offPeak: return isOffPeak ? "HC.." : "HP.."
        case .ejp: return isEJPPeak ? "PM.." : "HN.."
        case .tempo:
            let colour = tempoToday == .white ? "W" : tempoToday == .red ? "R" : "B"
            return (isOffPeak ? "HCJ" : "HPJ") + colour
        }
    }

    /// Historic DEMAIN (tic-protocol.md §7.2).
    var tomorrowText: String {
        switch tempoTomorrow {
        case .unknown: "----"
        case .blue: "BLEU"
        case .white: "BLAN"
        case .red: "ROUG"
        }
    }

    /// Standard NGTF: the supplier calendar name, 16 characters (tic-protocol.md §4).
    var calendarName: String {
        switch contract {
        case .base, .ejp: "      BASE      "
        case .offPeak: "H PLEINE/CREUSE "
        case .tempo: "     TEMPO      "
        }
    }

    /// Standard LTARF: the current tariff text, 16 characters, as real meters write it.
    var tariffText: String {
        switch contract {
        case .base, .ejp: return "      BASE      "
        case .offPeak: return isOffPeak ? " HEURE  CREUSE  " : " HEURE  PLEINE  "
        case .tempo:
            let period = isOffPeak ? "HC" : "HP"
            switch tempoToday {
            case .white: return "   \(period)  BLANC    "
            case .red: return "   \(period)  ROUGE    "
            case .blue, .unknown: return "    \(period)  BLEU    "
            }
        }
    }

    /// Whether the dry contact is closed: during off-peak hours on HC and Tempo contracts (the
    /// classic water-heater wiring), open otherwise, as in the BASE capture `STGE 003A0001`.
    public var isDryContactClosed: Bool {
        switch contract {
        case .offPeak, .tempo: isOffPeak
        case .base, .ejp: false
        }
    }

    /// Whether the withdrawn apparent power exceeds the reference power (STGE bit 7).
    public var isOverReferencePower: Bool { totalLoad > subscribedKVA * 1000 }

    /// The 32-bit status register (tic-protocol.md §5).
    public var statusRegister: UInt32 {
        var value: UInt32 = 0x003A_0000 // standard TIC, Euridis secured, CPL New/Lock
        if !isDryContactClosed { value |= 1 }
        if isOverReferencePower { value |= 1 << 7 }
        if isProducer { value |= 1 << 8 }
        if injection > 0 { value |= 1 << 9 }
        value |= UInt32(supplierIndex - 1) << 10
        if contract == .tempo {
            value |= tempoToday.rawValue << 24
            value |= tempoTomorrow.rawValue << 26
        }
        if let peak = mobilePeak {
            if clock < peak.start { value |= 1 << 28 } else if clock < peak.end { value |= 1 << 30 }
        }
        return value
    }

    /// STGE as sent: 8 upper-case hexadecimal digits.
    var statusRegisterText: String {
        let hex = String(statusRegister, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// RELAIS: relay 1 (the dry contact) is bit 0 (tic-protocol.md §6.1).
    var relaysText: String { SimulatedMeter.digits(isDryContactClosed ? 1 : 0, 3) }

    /// PJOURF+1: tomorrow's profile, 11 blocks (tic-protocol.md §6.2), from the captures' shapes.
    var tomorrowProfile: String {
        let blocks: [String]
        switch contract {
        case .base, .ejp: blocks = ["00008001"]
        // 22:00-06:00 off-peak with the dry contact closed (11), peak hours with it open (10).
        case .offPeak: blocks = ["0000C001", "06008002", "2200C001"]
        // Tempo: the contact follows the Tempo configuration (01), index 1 HC / 2 HP.
        case .tempo: blocks = ["00004001", "06004002", "22004001"]
        }
        let unused = Array(repeating: "NONUTILE", count: 11 - blocks.count)
        return (blocks + unused).joined(separator: " ")
    }
}
