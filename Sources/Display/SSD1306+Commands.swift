/// SSD1306 command bytes and the I2C control bytes (Solomon Systech SSD1306 datasheet Rev 1.1,
/// §9 "Command Table", §10 "Command Descriptions", §8.1.5 "MCU I2C Interface").
public enum SSD1306Command {
    /// Control byte: Co = 0, D/C# = 0 — every following byte of the transaction is a command
    /// (§8.1.5.2, Figure 8-7).
    public static let commandStream: UInt8 = 0x00
    /// Control byte: Co = 0, D/C# = 1 — every following byte is GDDRAM data (§8.1.5.2).
    public static let dataStream: UInt8 = 0x40

    /// 81h + A[7:0]: contrast, 256 steps, reset 7Fh (§10.1.7).
    public static let setContrast: UInt8 = 0x81
    /// A4h: display follows RAM content (§10.1.9).
    public static let resumeToRAM: UInt8 = 0xA4
    /// A6h normal / A7h inverse display (§10.1.10).
    public static let normalDisplay: UInt8 = 0xA6
    /// AEh display off (sleep) / AFh display on (§10.1.12).
    public static let displayOff: UInt8 = 0xAE, displayOn: UInt8 = 0xAF
    /// 2Eh: deactivate scrolling (§10.2.3).
    public static let deactivateScroll: UInt8 = 0x2E
    /// 20h + A[1:0]: memory addressing mode; 02h = page addressing, the reset mode (§10.1.3).
    public static let setAddressingMode: UInt8 = 0x20, pageAddressing: UInt8 = 0x02
    /// 00h-0Fh / 10h-1Fh: lower / higher nibble of the column start, page addressing mode
    /// (§10.1.1, §10.1.2).
    public static let lowerColumn: UInt8 = 0x00, higherColumn: UInt8 = 0x10
    /// B0h-B7h: GDDRAM page start, page addressing mode (§10.1.13).
    public static let pageStart: UInt8 = 0xB0
    /// 40h-7Fh: display start line 0-63 (§10.1.6).
    public static let startLine: UInt8 = 0x40
    /// A0h: column 0 → SEG0 / A1h: column 127 → SEG0 (§10.1.8). Affects only data written afterwards.
    public static let segmentNormal: UInt8 = 0xA0, segmentRemapped: UInt8 = 0xA1
    /// A8h + A[5:0]: multiplex ratio N+1, 16-64 (§10.1.11).
    public static let setMultiplexRatio: UInt8 = 0xA8
    /// C0h: scan COM0 → COM[N-1] / C8h: COM[N-1] → COM0 (§10.1.14). Takes effect immediately.
    public static let comScanNormal: UInt8 = 0xC0, comScanRemapped: UInt8 = 0xC8
    /// D3h + A[5:0]: vertical display offset (§10.1.15).
    public static let setDisplayOffset: UInt8 = 0xD3
    /// DAh + A[5:4]: COM pins hardware configuration (§10.1.18, Table 10-3): 12h alternative (128x64
    /// modules), 02h sequential (128x32 modules).
    public static let setCOMPins: UInt8 = 0xDA
    /// D5h + A[7:0]: clock divide ratio and oscillator frequency; 80h is the reset value (§10.1.16).
    public static let setClock: UInt8 = 0xD5
    /// D9h + A[7:0]: pre-charge period; F1h for the internal charge pump (§10.1.17).
    public static let setPrecharge: UInt8 = 0xD9
    /// DBh + A[6:4]: V_COMH deselect level; 20h ≈ 0.77 × V_CC, the reset value (§10.1.19, Table 10-5).
    public static let setVCOMH: UInt8 = 0xDB
    /// 8Dh + 14h: enable the internal charge pump; must precede display on (Application Note
    /// "Charge Pump Regulator", §2.1 and Table 2-1, at the end of the datasheet).
    public static let chargePump: UInt8 = 0x8D, chargePumpEnable: UInt8 = 0x14

    /// The number of argument bytes that follow each command opcode (§9, Table 9-1), for readers of a
    /// command stream (the tests' panel emulator, transcript pretty-printing).
    public static func argumentCount(of opcode: UInt8) -> Int {
        switch opcode {
        case 0x81, 0x20, 0xA8, 0xD3, 0xDA, 0xD5, 0xD9, 0xDB, 0x8D, 0xA3: 1
        case 0x21, 0x22: 2
        case 0x26, 0x27: 6
        case 0x29, 0x2A: 5
        default: 0
        }
    }

    /// The initialisation sequence for a panel (datasheet §"Application Example", Figure 2
    /// "Software Initialization Flow Chart", plus the charge pump of the application note), display
    /// left off: the driver clears GDDRAM before switching it on. 25 bytes: it fits one SMBus block.
    public static func initialization(size: PanelSize, contrast: UInt8, rotated180: Bool) -> [UInt8] {
        [
            displayOff,
            setClock, 0x80,
            setMultiplexRatio, UInt8(size.height - 1),  // 3Fh for 64 rows, 1Fh for 32
            setDisplayOffset, 0x00,
            startLine | 0,
            chargePump, chargePumpEnable,
            setAddressingMode, pageAddressing,
            rotated180 ? segmentNormal : segmentRemapped,  // modules are wired for A1h/C8h upright
            rotated180 ? comScanNormal : comScanRemapped,
            setCOMPins, size == .size128x64 ? 0x12 : 0x02,
            setContrast, contrast,
            setPrecharge, 0xF1,
            setVCOMH, 0x20,
            deactivateScroll,
            resumeToRAM,
            normalDisplay,
        ]
    }
}
