/// How the serial line's characters are framed and checked (tic-protocol.md §2.1): the rules file's
/// `parity: 7e1 | 8n1` and the serial port's setting, one type.
public enum SerialParity: String, Sendable, Hashable, CaseIterable {
    /// The TIC line format: 7 data bits, even parity, 1 stop bit, checked by the UART (`INPCK`).
    /// A character with a parity or framing error is delivered as a NUL byte (neither `IGNPAR` nor
    /// `PARMRK` is set), which makes the group holding it malformed, so the decoder rejects it.
    case even7E1 = "7e1"
    /// For UARTs without parity support (the Raspberry Pi mini UART): read 8N1 and clear bit 7 of every
    /// byte, which is where the parity bit of a 7E1 character lands. Parity is not checked: a corrupted
    /// byte is left to the group checksum and the field checks.
    case none8N1MaskBit7 = "8n1"
}
