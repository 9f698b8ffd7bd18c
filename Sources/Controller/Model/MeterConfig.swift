import HAL
import TIC

/// A meter declared under `meters:`: which serial port its TIC line arrives on and how to read it.
///
/// ```yaml
/// meters:
///   main: { port: /dev/ttyAMA0, mode: auto, parity: 8n1 }
/// ```
public struct MeterConfig: Sendable, Hashable {
    /// The key under `meters:`, referenced by `meter:` in conditions and shedding.
    public var name: String
    /// The serial device, e.g. `/dev/ttyAMA0` or `/dev/serial/by-id/…`.
    public var port: String
    /// The TIC mode to expect (tic-protocol.md §2): historic is 1200 Bd, standard 9600 Bd.
    public var mode: TICModeSetting
    /// How the UART frames characters: nil is the TIC's 7E1; `8n1` for the Raspberry Pi mini UART,
    /// which has no parity (bit 7, the parity bit, is masked).
    public var parity: SerialParity?
    public var location: SourceLocation

    public init(name: String, port: String, mode: TICModeSetting = .auto, parity: SerialParity? = nil, location: SourceLocation = .start) {
        self.name = name
        self.port = port
        self.mode = mode
        self.parity = parity
        self.location = location
    }
}
