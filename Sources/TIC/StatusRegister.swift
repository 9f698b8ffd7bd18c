/// The standard-mode 32-bit status register `STGE` (tic-protocol.md §5, [S54] §6.2.3.14 p.24-25).
public struct StatusRegister: Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    private func bits(_ shift: UInt32, _ width: UInt32) -> UInt32 { (rawValue >> shift) & ((1 << width) - 1) }

    /// Bit 0: the dry contact ("contact sec") is closed (0 = fermé).
    public var dryContactClosed: Bool { bits(0, 1) == 0 }
    /// Bits 1-3: breaking device (0 closed, 1 overpower, 2 overvoltage, 3 load shedding, 4 CPL/Euridis
    /// order, 5-6 overheating).
    public var breakingDevice: Int { Int(bits(1, 3)) }
    /// Bit 4: distributor terminal cover open.
    public var terminalCoverOpen: Bool { bits(4, 1) == 1 }
    /// Bit 6: overvoltage on a phase.
    public var overvoltage: Bool { bits(6, 1) == 1 }
    /// Bit 7: the reference (subscribed) power is exceeded.
    public var overpower: Bool { bits(7, 1) == 1 }
    /// Bit 8: producer mode.
    public var isProducer: Bool { bits(8, 1) == 1 }
    /// Bit 9: active energy flows toward the grid (injecting).
    public var isInjecting: Bool { bits(9, 1) == 1 }
    /// Bits 10-13 + 1: current supplier index (1…10).
    public var supplierIndex: Int { Int(bits(10, 4)) + 1 }
    /// Bits 14-15 + 1: current distributor index (1…4).
    public var distributorIndex: Int { Int(bits(14, 2)) + 1 }
    /// Bit 16: the meter's clock is degraded.
    public var clockDegraded: Bool { bits(16, 1) == 1 }
    /// Bit 17: TIC output in standard mode.
    public var isStandardMode: Bool { bits(17, 1) == 1 }
    /// Bits 19-20: Euridis output (0 disabled, 1 enabled without security, 3 with security).
    public var euridis: Int { Int(bits(19, 2)) }
    /// Bits 21-22: CPL status (0 New/Unlock, 1 New/Lock, 2 Registered).
    public var cplStatus: Int { Int(bits(21, 2)) }
    /// Bit 23: CPL synchronised.
    public var cplSynchronised: Bool { bits(23, 1) == 1 }
    /// Bits 24-25: Tempo colour of today.
    public var tempoToday: TempoColor? { TempoColor(statusBits: bits(24, 2)) }
    /// Bits 26-27: Tempo colour of tomorrow.
    public var tempoTomorrow: TempoColor? { TempoColor(statusBits: bits(26, 2)) }
    /// Bits 28-29: mobile-peak notice in progress (0 none, 1-3 = PM1-PM3).
    public var mobilePeakNotice: Int { Int(bits(28, 2)) }
    /// Bits 30-31: mobile peak in progress (0 none, 1-3 = PM1-PM3).
    public var mobilePeak: Int { Int(bits(30, 2)) }
}

/// The 8 relays of `RELAIS` (§6.1): relay n is bit n-1; a set bit means the contact is closed.
public struct Relays: Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Whether relay `number` (1…8) is closed.
    public func isClosed(_ number: Int) -> Bool {
        guard (1...8).contains(number) else { return false }
        return rawValue >> UInt8(number - 1) & 1 == 1
    }

    /// Relay 1 first.
    public var states: [Bool] { (1...8).map(isClosed) }
}

/// A next-day profile `PJOURF+1` or `PPOINTE` (§6.2): up to 11 switch points.
public struct DayProfile: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        /// Minutes since midnight.
        public var startMinute: Int
        /// The 16-bit action word: bits 15-14 dry contact, 10-4 virtual contacts 7…1, 3-0 index.
        public var action: UInt16
        /// Supplier index this step switches to (1…10), or nil for "no change".
        public var supplierIndex: Int? {
            let index = Int(action & 0xF)
            return (1...10).contains(index) ? index : nil
        }
    }

    public var steps: [Step]
    /// The field as sent.
    public var text: String

    /// Parses the 98-character field; the field was validated by ``FieldFormat/dayProfile``.
    public init?(_ data: UnsafeBufferPointer<UInt8>) {
        guard FieldFormat.dayProfile.accepts(data) else { return nil }
        text = String(decoding: data, as: UTF8.self)
        var steps: [Step] = []
        for block in 0..<11 {
            let start = block * 9
            if FieldFormat.isUnused(UnsafeBufferPointer(rebasing: data[start..<start + 8])) { break }
            func digit(_ i: Int) -> Int { Int(data[start + i] &- 0x30) }
            func nibble(_ i: Int) -> UInt16 {
                let b = data[start + i]
                return UInt16(b >= 0x41 ? b - 0x41 + 10 : b - 0x30)
            }
            let minute = (digit(0) * 10 + digit(1)) * 60 + digit(2) * 10 + digit(3)
            let action = nibble(4) << 12 | nibble(5) << 8 | nibble(6) << 4 | nibble(7)
            steps.append(Step(startMinute: minute, action: action))
        }
        self.steps = steps
    }
}
