import HAL
import Synchronization

/// One recorded I2C write: the target address and the bytes.
public struct I2CTransaction: Sendable, Hashable, CustomStringConvertible {
    public var address: I2CAddress
    public var bytes: [UInt8]

    public init(address: I2CAddress, bytes: [UInt8]) {
        self.address = address
        self.bytes = bytes
    }

    /// `0x3C: 00 AE D5 80`, the transcript line format.
    public var description: String {
        "\(address): " + bytes.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count < 2 ? "0" + hex : hex
        }.joined(separator: " ")
    }

    /// Parses the ``description`` format back; `nil` for anything else.
    public init?(parsing line: Substring) {
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let address = I2CAddress(parsing: String(parts[0]).trimmingSpaces) else { return nil }
        var bytes: [UInt8] = []
        for token in parts[1].split(separator: " ") {
            guard let byte = UInt8(token, radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(address: address, bytes: bytes)
    }
}

/// A test double for `I2CBus`.
///
/// - Recording (the default): every write is kept, in order (``transactions``).
/// - Playback (`expecting:`): each write must equal the next expected transaction, else it throws a
///   `HardwareError` describing the mismatch (and ``mismatches`` keeps it); ``leftover`` lists the
///   expected transactions never written, so a test can check the transcript was consumed.
/// - ``failure``: when set, every write throws it and records nothing (an absent display).
public final class I2CRecorder: I2CBus {
    public let name: String
    private struct State {
        var transactions: [I2CTransaction] = []
        var expected: [I2CTransaction]?
        var position = 0
        var mismatches: [String] = []
        var failure: HardwareError?
    }
    private let state: Mutex<State>

    public init(name: String = "i2c-recorder") {
        self.name = name
        state = Mutex(State())
    }

    /// Plays `transcript` back: writes must match it exactly, in order.
    public init(name: String = "i2c-playback", expecting transcript: [I2CTransaction]) {
        self.name = name
        state = Mutex(State(expected: transcript))
    }

    public func write(_ bytes: [UInt8], to address: I2CAddress) throws(HardwareError) {
        let transaction = I2CTransaction(address: address, bytes: bytes)
        let problem: HardwareError? = state.withLock { state in
            if let failure = state.failure { return failure }
            state.transactions.append(transaction)
            guard let expected = state.expected else { return nil }
            defer { state.position += 1 }
            let detail: String
            if state.position >= expected.count {
                detail = "unexpected write #\(state.position) \(transaction) after the end of the transcript"
            } else if expected[state.position] != transaction {
                detail = "write #\(state.position) was \(transaction), expected \(expected[state.position])"
            } else {
                return nil
            }
            state.mismatches.append(detail)
            return HardwareError(.io, device: name, detail: detail, hint: "the transcript does not match")
        }
        if let problem { throw problem }
    }

    /// Every successful write so far, in order.
    public var transactions: [I2CTransaction] { state.withLock { $0.transactions } }

    /// The writes that did not match the transcript (empty when recording).
    public var mismatches: [String] { state.withLock { $0.mismatches } }

    /// Expected transactions not written yet (empty when recording).
    public var leftover: [I2CTransaction] {
        state.withLock { state in
            guard let expected = state.expected, state.position < expected.count else { return [] }
            return Array(expected[state.position...])
        }
    }

    /// When set, every write throws this error and records nothing.
    public var failure: HardwareError? {
        get { state.withLock { $0.failure } }
        set { state.withLock { $0.failure = newValue } }
    }

    /// Forgets the recorded writes (e.g. after an init sequence a test does not look at).
    public func removeAll() {
        state.withLock { $0.transactions.removeAll() }
    }

    /// The transcript text: one ``I2CTransaction/description`` a line.
    public var transcript: String { transactions.map { "\($0)\n" }.joined() }

    /// Parses a transcript (blank lines and `#` comments skipped); `nil` on a malformed line.
    public static func parse(transcript text: String) -> [I2CTransaction]? {
        var result: [I2CTransaction] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy({ $0 == " " }) {
            guard let transaction = I2CTransaction(parsing: line) else { return nil }
            result.append(transaction)
        }
        return result
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
