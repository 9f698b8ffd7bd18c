/// A meter declared under `meters:`: which serial port its TIC line arrives on and how to read it.
///
/// ```yaml
/// meters:
///   main: { port: /dev/ttyAMA0, mode: auto, parity: 8n1 }
/// ```
public struct MeterConfig: Sendable, Hashable {
    /// The TIC mode to expect (tic-protocol.md §2): historic is 1200 Bd, standard 9600 Bd.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Detect the mode from the stream (try one speed, then the other).
        case auto, historic, standard
    }

    /// How the UART frames characters. The TIC is 7E1; the Raspberry Pi mini UART has no parity, so it
    /// reads 8N1 and bit 7 (the parity bit) is masked.
    public enum Parity: String, Sendable, Hashable, CaseIterable {
        case sevenEvenOne = "7e1"
        case eightNoneOne = "8n1"
    }

    /// The key under `meters:`, referenced by `meter:` in conditions and shedding.
    public var name: String
    /// The serial device, e.g. `/dev/ttyAMA0` or `/dev/serial/by-id/…`.
    public var port: String
    public var mode: Mode
    /// Nil: the default for the port (7E1).
    public var parity: Parity?
    public var location: SourceLocation

    public init(name: String, port: String, mode: Mode = .auto, parity: Parity? = nil, location: SourceLocation = .start) {
        self.name = name
        self.port = port
        self.mode = mode
        self.parity = parity
        self.location = location
    }
}
